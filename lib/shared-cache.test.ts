import { describe, expect, it } from 'vitest'
import { readEnv } from './env'
import {
  headerTag,
  publicPageHeaders,
  purgeBatches,
  purgeRetryMs,
  purgeTargetName,
  sharedCachePolicy,
} from './shared-cache'

const policyOf = (source: Record<string, string>) => sharedCachePolicy(readEnv(source).env!)

describe('shared cache settings', () => {
  it('keeps pages out of shared caches until purges can reach them', () => {
    expect(policyOf({})).toEqual({ sMaxAge: 0, staleWhileRevalidate: 60, tagHeaders: ['xkey'], purgeUrls: [] })
    expect(policyOf({ CACHE_PURGE_URLS: 'http://10.0.0.5:6081/, http://10.0.0.6:6081/' })).toEqual({
      sMaxAge: 600,
      staleWhileRevalidate: 60,
      tagHeaders: ['xkey'],
      purgeUrls: ['http://10.0.0.5:6081/', 'http://10.0.0.6:6081/'],
    })
    expect(policyOf({ CACHE_S_MAXAGE: '120', CACHE_TAG_HEADER: 'Surrogate-Key, Cache-Tag' })).toMatchObject({
      sMaxAge: 120,
      tagHeaders: ['surrogate-key', 'cache-tag'],
    })
  })

  it('explains bad values in one line each', () => {
    expect(
      readEnv({ CACHE_PURGE_URLS: 'varnish:6081', CACHE_S_MAXAGE: '-1', CACHE_TAG_HEADER: 'X-Tags' }).errors,
    ).toEqual([
      'Invalid configuration: CACHE_PURGE_URLS.0 must be comma-separated http(s) URLs such as http://10.0.0.5:6081/,http://10.0.0.6:6081/',
      'Invalid configuration: CACHE_S_MAXAGE must be a whole number of seconds from 0 to 31536000',
      'Invalid configuration: CACHE_TAG_HEADER.0 must list one or more of xkey, Surrogate-Key, Cache-Tag, comma-separated',
    ])
  })
})

describe('public page headers', () => {
  const policy = { sMaxAge: 600, staleWhileRevalidate: 60, tagHeaders: ['xkey'] as const, purgeUrls: [] }

  it('lets shared caches keep a page under its tags while browsers ask again', () => {
    expect(
      publicPageHeaders(new Set(['list', 'article:7', 'layout', 'comments:7']), { ...policy, tagHeaders: ['xkey'] }),
    ).toEqual({
      'Cache-Control': 'public, max-age=0, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400',
      xkey: 'article:7 comments:7 layout list',
    })
  })

  it('names the tags in each CDN’s header', () => {
    const headers = publicPageHeaders(['list', 'article:7'], {
      ...policy,
      tagHeaders: ['xkey', 'surrogate-key', 'cache-tag'],
    })
    expect(headers).toMatchObject({
      xkey: 'article:7 list',
      'Surrogate-Key': 'article:7 list',
      'Cache-Tag': 'article:7,list',
    })
  })

  it('sends today’s revalidate-always header and no tags when no shared cache is configured', () => {
    expect(publicPageHeaders(['list'], { ...policy, tagHeaders: ['xkey'], sMaxAge: 0 })).toEqual({
      'Cache-Control': 'public, max-age=0, must-revalidate',
    })
  })

  it('keeps tags single header tokens', () => {
    expect(headerTag('article:12')).toBe('article:12')
    expect(headerTag('a b,c;d"é')).toBe('a%20b%2Cc%3Bd%22%C3%A9')
    for (const tag of ['a b', 'x,y', 'q\r\nInjected: 1', 'ü']) expect(headerTag(tag)).toMatch(/^[A-Za-z0-9_.:%-]+$/)
  })
})

describe('purges', () => {
  it('batches distinct tags within the header size', () => {
    expect(purgeBatches(['list', 'list', 'article:1'])).toEqual([['list', 'article:1']])
    const tags = Array.from({ length: 1000 }, (_, i) => `article:${i}`)
    const batches = purgeBatches(tags, 200)
    expect(batches.flat()).toEqual(tags)
    for (const batch of batches) expect(batch.join(' ').length).toBeLessThanOrEqual(200)
  })

  it('waits longer after each failure, up to a minute', () => {
    const mid = () => 0.5
    expect([1, 2, 3, 6, 7, 30].map((n) => purgeRetryMs(n, mid))).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000])
    expect(purgeRetryMs(1, () => 0)).toBe(750)
    expect(purgeRetryMs(30, () => 0.999)).toBeLessThanOrEqual(75_000)
  })

  it('names a cache without its credentials', () => {
    expect(purgeTargetName('http://purger:s3cret@10.0.0.5:6081/')).toBe('http://10.0.0.5:6081/')
  })
})
