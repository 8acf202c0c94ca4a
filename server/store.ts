import type { ServerResponse } from 'node:http'
import type { PageCache, PageCopies } from '@/lib/page-cache'

// Headers worth replaying from a cached page; everything else is per response.
const storedHeaders = [
  'content-type',
  'content-language',
  'link',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
  'permissions-policy',
  'content-security-policy',
  'strict-transport-security',
]

/** The headers of a sent page that every reader given it from the cache gets too. */
export function headersToStore(res: ServerResponse) {
  const headers: Record<string, string> = {}
  for (const name of storedHeaders) {
    const value = res.getHeader(name)
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return headers
}

/**
 * Stores a page that was sent, in the copies compressed for it, under its URL and tags. Content
 * may have changed while it rendered: the purges are applied first, and the generation check then
 * refuses the page.
 */
export async function storePage(
  cache: PageCache,
  applyPurges: () => Promise<void>,
  page: {
    url: string
    res: ServerResponse
    body: Buffer
    copies?: PageCopies
    tags: Set<string>
    startedAt: number
  },
) {
  await applyPurges()
  const headers = headersToStore(page.res)
  const status = page.res.statusCode
  cache.set(page.url, { status, headers, body: page.body, copies: page.copies, tags: page.tags }, page.startedAt)
  return { status, headers, body: page.body, copies: page.copies, tags: page.tags }
}
