import type { IncomingMessage, ServerResponse } from 'node:http'
import { log } from '@/lib/log'
import { guardRequest, malformedPath } from '@/lib/request-guard'

export type GuardOptions = { trustProxy?: boolean; siteUrl?: string }

/**
 * The first step: normalises the request's forwarded headers and client address, and answers it
 * at once when it must not reach Next (a cross-site write: 403; a path that is not valid UTF-8:
 * 400). True when it answered.
 */
export function refuseRequest(req: IncomingMessage, res: ServerResponse, options: GuardOptions) {
  const refusal = guardRequest(req, options.trustProxy ?? false, options.siteUrl)
  if (refusal) {
    log('warn', 'request refused', { reason: refusal, method: req.method, path: req.url })
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Cross-site request refused.\n')
    return true
  }
  if (malformedPath(req.url ?? '/')) {
    res
      .writeHead(400, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .end('Bad request: the address is not valid.\n')
    return true
  }
  return false
}
