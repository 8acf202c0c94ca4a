import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PageCache } from '@/lib/page-cache'
import { cachedAnswer, sendCached } from './cache-hit'
import { rawRequest } from './test-fixtures'

const html = `<!DOCTYPE html><html><body>${'<p>Story “quoted”</p>'.repeat(200)}</body></html>`
const cache = new PageCache()
cache.set(
  '/',
  {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(html),
    tags: new Set(['list']),
  },
  cache.generation,
)
const page = cache.get('/')!
const answer = cachedAnswer(page, { 'Cache-Control': 'public, max-age=0, must-revalidate' })

let server: http.Server
let base: string
beforeAll(async () => {
  server = http.createServer((req, res) => sendCached(req, res, cache, page, answer))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const get = (headers: Record<string, string>, method = 'GET') => rawRequest(`${base}/`, headers, method)

describe('answers from the page cache', () => {
  it('sends the encoding the client takes, with its length, the same page each time', async () => {
    for (let i = 0; i < 2; i++) {
      const br = await get({ 'accept-encoding': 'gzip, deflate, br' })
      expect(br.headers['content-encoding']).toBe('br')
      expect(Number(br.headers['content-length'])).toBe(br.body.length)
      expect(brotliDecompressSync(br.body).toString()).toBe(html)
      const gzip = await get({ 'accept-encoding': 'gzip' })
      expect(gzip.headers['content-encoding']).toBe('gzip')
      expect(gunzipSync(gzip.body).toString()).toBe(html)
      const plain = await get({})
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(html))
      expect(plain.body.toString()).toBe(html)
      for (const r of [br, gzip, plain]) {
        expect(r.headers['content-type']).toBe('text/html; charset=utf-8')
        expect(r.headers.vary).toBe('Accept-Encoding')
        expect(r.headers['x-cache']).toBe('HIT')
        expect(r.headers.etag).toBe(page.etag)
      }
    }
  })

  it('answers a HEAD without a body and a known version with 304', async () => {
    const head = await get({ 'accept-encoding': 'br' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(Number(head.headers['content-length'])).toBe(page.br!.length)
    expect(head.body.length).toBe(0)
    const revalidated = await get({ 'if-none-match': page.etag })
    expect(revalidated.status).toBe(304)
    expect(revalidated.body.length).toBe(0)
    expect(revalidated.headers['cache-control']).toBe('public, max-age=0, must-revalidate')
  })
})
