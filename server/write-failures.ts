import type { IncomingMessage, ServerResponse } from 'node:http'
import { retryAfterSeconds, type WriteFailure, withWriteTracking } from '@/lib/write-failure'
import type { Handler } from './not-found'

/**
 * A POST (a server action, a form to a route handler) whose write met a full disk or a read-only
 * database: a server action can only return the form with its message, so its 200 becomes the
 * 503 it is, with Retry-After; so does the 500 of code that did not catch the failure (recorded
 * by `onRequestError` in instrumentation.ts). Node sends every status through `writeHead`, also one set as
 * `statusCode` before the first write. Next's client runtime reads an action's result whatever
 * the status, and a browser without JavaScript shows the page it is given.
 */
export function handleWrite(handle: Handler, req: IncomingMessage, res: ServerResponse) {
  const store: { failure?: WriteFailure } = {}
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (store.failure && (args[0] === 200 || args[0] === 500)) {
      args[0] = 503
      this.setHeader('Retry-After', String(retryAfterSeconds))
      this.setHeader('Cache-Control', 'no-store')
    }
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
  return withWriteTracking(store, () => handle(req, res))
}
