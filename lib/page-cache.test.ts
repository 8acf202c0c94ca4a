import { describe, expect, it } from 'vitest'
import { PageCache, tagPage, withPageTags } from './page-cache'

const page = (tags: string[], body = '<html>hello</html>') => ({
  status: 200,
  headers: { 'content-type': 'text/html' },
  body: Buffer.from(body),
  tags: new Set(tags),
})

describe('page cache', () => {
  it('drops exactly the pages carrying a purged tag', () => {
    const cache = new PageCache()
    cache.set('/a/', page(['layout', 'article:1']), cache.generation)
    cache.set('/b/', page(['layout', 'list']), cache.generation)
    cache.set('/c/', page(['layout', 'article:2']), cache.generation)
    cache.purge(['article:1'])
    expect(cache.get('/a/')).toBeUndefined()
    expect(cache.get('/b/')).toBeDefined()
    expect(cache.get('/c/')).toBeDefined()
    cache.purge(['layout'])
    expect(cache.size).toBe(0)
  })

  it('refuses a render that started before a purge', () => {
    const cache = new PageCache()
    const started = cache.generation
    cache.purge(['list'])
    cache.set('/stale/', page(['list']), started)
    expect(cache.get('/stale/')).toBeUndefined()
  })

  it('evicts the oldest pages past its byte budget and precompresses the rest', () => {
    const cache = new PageCache(20_000)
    for (let i = 0; i < 10; i++) cache.set(`/${i}/`, page(['list'], 'x'.repeat(5000) + i), cache.generation)
    expect(cache.get('/0/')).toBeUndefined()
    const newest = cache.get('/9/')!
    expect(newest.gzip.length).toBeLessThan(newest.body.length)
    expect(newest.etag).toMatch(/^"[\w-]+"$/)
  })

  it('collects the tags a render declares, per request', async () => {
    const a = new Set<string>()
    const b = new Set<string>()
    await Promise.all([
      withPageTags(a, async () => {
        await new Promise((r) => setTimeout(r, 5))
        tagPage('article:1')
      }),
      withPageTags(b, async () => tagPage('list')),
    ])
    expect([...a]).toEqual(['article:1'])
    expect([...b]).toEqual(['list'])
    tagPage('outside')
  })
})
