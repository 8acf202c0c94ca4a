import type { IncomingMessage, ServerResponse } from 'node:http'
import { forgetRouting, notFoundUrl } from './next-internals'
import { type RedirectLookups, redirectMoved } from './redirects'

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/** Next's global not-found page, fully rendered, for a request that found nothing. */
export function renderNotFound(handle: Handler, req: IncomingMessage, res: ServerResponse) {
  // A second pass must start clean.
  forgetRouting(req)
  req.url = notFoundUrl
  return handle(req, res)
}

/**
 * A reader page (`url`, as asked) Next answered 404 (its first pass swallowed by the capture): a moved URL answers
 * with its redirect, anything else with the global not-found page, rendered again because Next
 * sends a notFound() from a dynamic page as an empty shell that only JavaScript fills in
 * (vercel/next.js#62228), and reader pages must work without JavaScript.
 */
export async function answerNotFound(
  handle: Handler,
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  lookups: RedirectLookups,
) {
  if (await redirectMoved(res, url.split('?')[0]!, lookups)) return
  // The swallowed first pass keeps its `close` listeners (Next's abort signal, stream writer and
  // response wait) until this response closes, and the second pass adds as many again. Two
  // passes per response is a bounded total, not a leak, but past Node's default of 10 listeners
  // it printed a MaxListenersExceededWarning for every 404 under load.
  res.setMaxListeners(res.getMaxListeners() + res.listenerCount('close'))
  await renderNotFound(handle, req, res)
}
