import type { IncomingMessage, ServerResponse } from 'node:http'
import { retryAfterSeconds, type WriteFailure, withWriteTracking } from '@/lib/write-failure'

/**
 * Runs `work`, the answer to one request, noting any database failure that passes on its own (a
 * full disk, a read-only database, a server that cannot be reached), whether the code that met it
 * caught it or `onRequestError` in instrumentation.ts recorded it. The answer is then a 503 with
 * Retry-After: for a POST (a server action, a form to a route handler) also its 200, since a server
 * action can only return the form with its message; for any request the 500 of code that did not
 * catch the failure (a page that could not be rendered), which a cache in front does not keep.
 * Node sends every status through `writeHead`, also one set as `statusCode` before the first write.
 * Next's client runtime reads an action's result whatever the status, and a browser without
 * JavaScript shows the page it is given.
 */
export function handleWrite<T>(req: IncomingMessage, res: ServerResponse, work: () => T): T {
  const store: { failure?: WriteFailure } = {}
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (store.failure && (args[0] === 500 || (args[0] === 200 && req.method === 'POST'))) {
      args[0] = 503
      this.setHeader('Retry-After', String(retryAfterSeconds))
      this.setHeader('Cache-Control', 'no-store')
    }
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
  return withWriteTracking(store, work)
}
