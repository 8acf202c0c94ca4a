import type { Env } from './env'

/**
 * How reader pages meet a shared HTTP cache (Varnish with xkey, or a CDN with surrogate keys) in
 * front of every host: what it may keep, for how long, under which tags.
 */
export type SharedCachePolicy = {
  /** Seconds a shared cache may keep a page; 0 when there is none to keep it. */
  sMaxAge: number
  staleWhileRevalidate: number
  tagHeaders: ('xkey' | 'surrogate-key' | 'cache-tag')[]
  purgeUrls: string[]
}

// Purges make a long lifetime safe; what no purge covers (most read, "2 hours ago") is at most this old.
const defaultSMaxAge = 600
// A cache may serve a page this long after its origin stopped answering.
const staleIfError = 86_400

export function sharedCachePolicy(
  env: Pick<Env, 'CACHE_PURGE_URLS' | 'CACHE_S_MAXAGE' | 'CACHE_STALE_WHILE_REVALIDATE' | 'CACHE_TAG_HEADER'>,
): SharedCachePolicy {
  return {
    // Without purges a shared cache could only keep a page as long as it may show old news.
    sMaxAge: env.CACHE_S_MAXAGE ?? (env.CACHE_PURGE_URLS.length > 0 ? defaultSMaxAge : 0),
    staleWhileRevalidate: env.CACHE_STALE_WHILE_REVALIDATE,
    tagHeaders: env.CACHE_TAG_HEADER,
    purgeUrls: env.CACHE_PURGE_URLS,
  }
}

/**
 * A tag as a header token: letters, digits and `_.:-` pass as they are, anything else (a space or
 * comma would split it) is percent-encoded, the same way in the pages' headers and in purges.
 */
export function headerTag(tag: string) {
  return tag.replace(/[^A-Za-z0-9_.:-]/gu, (c) =>
    Array.from(Buffer.from(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  )
}

/**
 * The headers of an anonymous reader page every reader may get from a shared cache. Browsers keep
 * nothing (max-age=0) and ask again with the ETag, so a reader sees a purge at once.
 */
export function publicPageHeaders(tags: Iterable<string>, policy: SharedCachePolicy): Record<string, string> {
  if (policy.sMaxAge === 0) return { 'Cache-Control': 'public, max-age=0, must-revalidate' }
  const headers: Record<string, string> = {
    'Cache-Control': `public, max-age=0, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${staleIfError}`,
  }
  const names = [...new Set(Array.from(tags, headerTag))].sort()
  if (names.length === 0) return headers
  for (const header of policy.tagHeaders) {
    if (header === 'xkey') headers.xkey = names.join(' ')
    else if (header === 'surrogate-key') headers['Surrogate-Key'] = names.join(' ')
    else headers['Cache-Tag'] = names.join(',')
  }
  return headers
}

/** Tags in groups whose space-separated header stays within `maxBytes` (proxies refuse long headers). */
export function purgeBatches(tags: Iterable<string>, maxBytes = 4096) {
  const batches: string[][] = []
  let batch: string[] = []
  let size = 0
  for (const tag of new Set(Array.from(tags, headerTag))) {
    if (batch.length > 0 && size + 1 + tag.length > maxBytes) {
      batches.push(batch)
      batch = []
      size = 0
    }
    size += (batch.length > 0 ? 1 : 0) + tag.length
    batch.push(tag)
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/**
 * How long a purge that could not be delivered waits before the next attempt: doubling from a
 * second up to a minute, so a cache down for hours costs one attempt a minute, with jitter so that
 * hosts retrying together do not stay in step.
 */
export function purgeRetryMs(attempts: number, random = Math.random) {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.75 + random() * 0.5))
}

/** A purge URL as it may be logged or stored: no user name or password. */
export function purgeTargetName(url: string) {
  const u = new URL(url)
  return `${u.protocol}//${u.host}${u.pathname}`
}
