import type { IncomingMessage, ServerResponse } from 'node:http'
import { forgetRouting, notFoundUrl } from './next-internals'
import { type RedirectLookups, redirectMoved } from './redirects'

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/** Turns a request that found nothing into one for Next's global not-found page. */
export function askNotFound(req: IncomingMessage) {
  // A second pass must start clean.
  forgetRouting(req)
  req.url = notFoundUrl
}

/**
 * A reader page (`url`, as asked) Next answered 404 (its first pass swallowed by the capture): a moved URL answers
 * with its redirect, anything else with the global not-found page (`notFoundPage`), because Next
 * sends a notFound() from a dynamic page as an empty shell that only JavaScript fills in
 * (vercel/next.js#62228), and reader pages must work without JavaScript.
 */
export async function answerNotFound(
  res: ServerResponse,
  url: string,
  lookups: RedirectLookups,
  notFoundPage: () => unknown,
) {
  if (await redirectMoved(res, url.split('?')[0]!, lookups)) return
  // The swallowed first pass keeps its `close` listeners (Next's abort signal, stream writer and
  // response wait) until this response closes, and the second pass adds as many again. Two
  // passes per response is a bounded total, not a leak, but past Node's default of 10 listeners
  // it printed a MaxListenersExceededWarning for every 404 under load.
  res.setMaxListeners(res.getMaxListeners() + res.listenerCount('close'))
  await notFoundPage()
}
