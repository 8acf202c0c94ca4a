import type { IncomingMessage, ServerResponse } from 'node:http'

type Redirect = { toPath: string; statusCode: number }
type Maybe<T> = T | Promise<T>

/** Where moved URLs live now (db/queries/redirects.ts). */
export type RedirectLookups = {
  findRedirect: (path: string) => Maybe<Redirect | undefined>
  /** A WordPress query-string URL: its new address, null when its content is not here, undefined when it is no such URL. */
  findQueryRedirect?: (url: string) => Maybe<string | null | undefined>
}

// WordPress's query-string URLs, on the front page or under the folder WordPress was installed in.
const wordpressQuery = /^\/[^?#]*\?(?:[^#]*&)?(?:p|page_id|attachment_id|cat|tag|author|m|s|feed)=/

/** Answers with the redirect stored for `path`, if any. True when it answered. */
export async function redirectMoved(res: ServerResponse, path: string, lookups: RedirectLookups) {
  const moved = await lookups.findRedirect(path)
  if (!moved) return false
  res.writeHead(moved.statusCode, { Location: moved.toPath }).end()
  return true
}

/**
 * Old URLs of a reader page that Next would answer wrongly. Returns 'answered' when it sent a
 * redirect, 'not-found' when the URL names WordPress content that is not here.
 */
/**
 * An old URL's answer, or undefined for a Gazette URL. Nearly every request is one, so that case
 * returns at once, without a promise for the hot path to wait on.
 */
export function redirectOldUrl(
  req: IncomingMessage,
  res: ServerResponse,
  lookups: RedirectLookups,
): Promise<'answered' | 'not-found' | undefined> | undefined {
  const url = req.url ?? '/'
  const pathname = url.split('?')[0]!
  const query = wordpressQuery.test(url)
  const slashless = !pathname.endsWith('/') && !/\.[A-Za-z0-9]{1,8}$/.test(pathname)
  if (!query && !slashless) return undefined
  return lookUpOldUrl(res, url, pathname, query, slashless, lookups)
}

async function lookUpOldUrl(
  res: ServerResponse,
  url: string,
  pathname: string,
  query: boolean,
  slashless: boolean,
  lookups: RedirectLookups,
): Promise<'answered' | 'not-found' | undefined> {
  // WordPress's query-string URLs all land on the front page (or a subfolder install's),
  // which would answer them 200, even for content that is not here.
  if (query) {
    const to = await lookups.findQueryRedirect?.(url)
    if (to) {
      res.writeHead(301, { Location: to, 'Cache-Control': 'public, max-age=3600' }).end()
      return 'answered'
    }
    if (to === null) return 'not-found'
  }
  // Next answers a path without its trailing slash with a 308 to the slashed one, whose
  // redirect (stored for the other form) would then cost a second hop, or be missed. Gazette's
  // own URLs all end in a slash, so only old links pay for this lookup.
  if (slashless && (await redirectMoved(res, pathname, lookups))) return 'answered'
  return undefined
}
