import type { IncomingMessage } from 'node:http'
import { hasSessionCookie } from '@/lib/session-cookie'
import { isFlightOrAction } from './next-internals'

// Account pages are per reader or carry one-time tokens: never cached, whoever asks.
const notReaderPath = /^\/(_next|uploads|admin|api|account|signin|signup|reset|verify|comments)\//

/** A reader page being fetched: what the page cache, the old-URL redirects and the 404 pass are for. */
export function isReaderPage(req: IncomingMessage) {
  return (
    (req.method === 'GET' || req.method === 'HEAD') && !isFlightOrAction(req) && !notReaderPath.test(req.url ?? '/')
  )
}

/** Asked by a reader who is not signed in: the page is the same for every such reader. */
export function isAnonymous(req: IncomingMessage) {
  return !hasSessionCookie(req.headers.cookie)
}
