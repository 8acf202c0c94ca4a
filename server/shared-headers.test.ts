import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { tagPage } from '@/lib/page-cache'
import { createReaderHandler } from './reader-handler'

let server: http.Server
let base: string

// Stands in for Next, which marks every render private.
beforeAll(async () => {
  await migrateDatabase(db)
  const serve = createReaderHandler(
    async (req, res) => {
      const url = req.url ?? '/'
      if (url.startsWith('/admin/')) {
        res.writeHead(307, { Location: '/admin/login/' })
        return void res.end()
      }
      if (url.startsWith('/uploads/')) {
        res.writeHead(200, { 'Cache-Control': 'public, max-age=31536000, immutable' })
        return void res.end('img')
      }
      if (url.startsWith('/broken/')) {
        res.writeHead(500, { 'Content-Type': 'text/html' })
        return void res.end('<p>error</p>')
      }
      tagPage('layout', 'list', 'article:3')
      res.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate')
      if (url.startsWith('/cookie/')) res.setHeader('Set-Cookie', 'pref=1; Path=/')
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end('<p>page</p>')
    },
    () => undefined,
    undefined,
    { sharedCache: { sMaxAge: 600, staleWhileRevalidate: 60, tagHeaders: ['xkey', 'surrogate-key'], purgeUrls: [] } },
  )
  server = http.createServer((req, res) => void serve(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const shared = 'public, max-age=0, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400'

async function head(path: string, init?: RequestInit) {
  const response = await fetch(`${base}${path}`, init)
  await response.arrayBuffer()
  return response.headers
}

const tagHeaders = (headers: Headers) => [headers.get('xkey'), headers.get('surrogate-key')]

describe('headers for a shared cache', () => {
  it('lets it keep an anonymous page under its tags, first render and cache hit alike', async () => {
    for (const expected of ['MISS', 'HIT']) {
      const headers = await head('/2026/01/02/story/')
      expect(headers.get('x-cache')).toBe(expected)
      expect(headers.get('cache-control')).toBe(shared)
      expect(headers.get('vary')).toBe('Accept-Encoding')
      expect(tagHeaders(headers)).toEqual(['article:3 layout list', 'article:3 layout list'])
    }
  })

  it('keeps it from storing a signed-in reader’s page, a page setting a cookie, or an error', async () => {
    const answers = [
      await head('/2026/01/02/story/', { headers: { cookie: 'authjs.session-token=abc' } }),
      await head('/cookie/'),
      await head('/broken/'),
    ]
    for (const headers of answers) {
      expect(headers.get('cache-control')).toMatch(/^private, no-(cache|store)/)
      expect(tagHeaders(headers)).toEqual([null, null])
    }
  })

  it('marks the back office and POSTs private where Next says nothing, and leaves uploads public', async () => {
    expect((await head('/admin/', { redirect: 'manual' })).get('cache-control')).toBe('private, no-store')
    expect((await head('/2026/01/02/story/', { method: 'POST' })).get('cache-control')).toMatch(/^private, no-/)
    expect((await head('/uploads/a.webp')).get('cache-control')).toBe('public, max-age=31536000, immutable')
  })
})
