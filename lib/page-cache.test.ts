import { randomBytes } from 'node:crypto'
import { brotliDecompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { compressPage, identityBody, PageCache, tagPage, withPageTags } from './page-cache'

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

  it('evicts the oldest pages past its byte budget, counting compressed bytes', () => {
    const cache = new PageCache(20_000)
    // Random text barely compresses, so ten 5 KB pages overflow a 20 KB budget.
    const bodies = Array.from({ length: 10 }, () => randomBytes(2500).toString('hex'))
    bodies.forEach((body, i) => cache.set(`/${i}/`, page(['list'], body), cache.generation))
    expect(cache.get('/0/')).toBeUndefined()
    expect(identityBody(cache.get('/9/')!).toString()).toBe(bodies[9])
  })

  it('keeps pages compressed only, and gives the original back to clients without gzip', () => {
    const cache = new PageCache()
    const html = `<html>${'<p>A paragraph of news.</p>'.repeat(500)}</html>`
    cache.set('/a/', page(['list'], html), cache.generation)
    const entry = cache.get('/a/')!
    expect(entry).not.toHaveProperty('body')
    expect(entry.gzip.length).toBeLessThan(html.length / 10)
    expect(identityBody(entry).toString()).toBe(html)
    expect(entry.etag).toMatch(/^"[\w-]+"$/)
    const br = cache.brotli(entry)
    expect(brotliDecompressSync(br).toString()).toBe(html)
    // What the budget counts is what is held: no copy keeps a larger zlib output chunk with it.
    for (const copy of [br, entry.gzip]) expect(copy.buffer.byteLength).toBe(copy.length)
  })

  it('makes the brotli copy when first asked for, once, and counts it against the budget', () => {
    const bodies = Array.from({ length: 3 }, () => randomBytes(2500).toString('hex'))
    // Room for the three pages in gzip, not for them and a brotli copy.
    const gzipped = bodies.map((body) => compressPage(Buffer.from(body)).gzip.length)
    const cache = new PageCache(gzipped.reduce((a, b) => a + b) + 100)
    bodies.forEach((body, i) => cache.set(`/${i}/`, page(['list'], body), cache.generation))
    const first = cache.get('/0/')!
    expect(first.br).toBeUndefined()
    expect(cache.size).toBe(3)
    const last = cache.get('/2/')!
    const br = cache.brotli(last)
    expect(cache.brotli(last)).toBe(br)
    expect(brotliDecompressSync(br).toString()).toBe(bodies[2])
    expect(cache.get('/0/')).toBeUndefined()
    expect(cache.get('/2/')).toBe(last)
    // A page already dropped still answers the reader holding it, and is not counted again.
    cache.purge(['list'])
    expect(brotliDecompressSync(cache.brotli(first)).toString()).toBe(bodies[0])
    cache.set('/a/', page(['list'], bodies[1]), cache.generation)
    cache.set('/b/', page(['list'], bodies[2]), cache.generation)
    cache.set('/c/', page(['list'], bodies[0]), cache.generation)
    expect(cache.size).toBe(3)
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
