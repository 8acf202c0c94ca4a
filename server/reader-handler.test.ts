import { eq } from 'drizzle-orm'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { db, engine, openDatabase, sqlite as siteSqlite, writerConnection } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { articles, redirects, users, wordpressImports } from '@/db/schema'
import { firstRow } from '@/db/test-fixtures'
import { tagPage } from '@/lib/page-cache'
import { currentWriteFailure, reportWriteFailure, writeFailureOf } from '@/lib/write-failure'
import { databaseHealth } from '@/services/health'
import { createReaderHandler } from './reader-handler'
import { SingleFlight } from './single-flight'
import { pageStored, rawRequest } from './test-fixtures'

// Undefined on PostgreSQL, where the tests that use it are skipped.
const sqlite = siteSqlite!

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let server: http.Server
let base: string
let serve: ReturnType<typeof createReaderHandler>
let articleId: number

beforeAll(async () => {
  await migrateDatabase(db)
  const { id: authorId } = await firstRow(
    writer.insert(users).values({ email: 'reads@example.com', name: 'R', role: 'editor' }).returning({ id: users.id }),
  )
  articleId = (
    await firstRow(
      writer
        .insert(articles)
        .values({ slug: 'counted', title: 'Counted', authorId, status: 'published', publishedAt: new Date() })
        .returning({ id: articles.id }),
    )
  ).id
  // Stands in for Next: an article page declares its tags while rendering, a listing only 'list'.
  serve = createReaderHandler(
    async (req, res) => {
      if (req.method === 'POST') {
        // Stands in for a server action: it catches the failed write and returns its form, 200.
        try {
          await writer.update(articles).set({ title: 'Counted' }).where(eq(articles.id, articleId))
        } catch (error) {
          reportWriteFailure(writeFailureOf(error)!, 'test action')
        }
        res.writeHead(200, { 'Content-Type': 'text/x-component' })
        res.end('0:{}')
        return
      }
      if (req.url?.startsWith('/article/')) tagPage(`article:${articleId}`, 'list')
      else tagPage('list')
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        Link: '</a.css>; rel=preload; as="style"; nonce="cmVxdWVzdA=="',
      })
      res.end('<p>page</p>')
    },
    () => undefined,
  )
  server = http.createServer((req, res) => void serve(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const viewCount = async () =>
  (await firstRow(db.select({ n: articles.viewCount }).from(articles).where(eq(articles.id, articleId)))).n

describe('article reads', () => {
  it('counts every GET of an article page, cached or not, signed in or not, and nothing else', async () => {
    const first = await fetch(`${base}/article/counted/`)
    expect(first.headers.get('x-cache')).toBe('MISS')
    await first.text()
    const second = await fetch(`${base}/article/counted/`)
    expect(second.headers.get('x-cache')).toBe('HIT')
    await second.text()
    await (await fetch(`${base}/article/counted/`, { headers: { cookie: 'authjs.session-token=x' } })).text()
    await fetch(`${base}/article/counted/`, { method: 'HEAD' })
    await (await fetch(`${base}/`)).text()
    // Counted in memory first: the hot path writes nothing.
    expect(await viewCount()).toBe(0)
    await serve.flushViews()
    expect(await viewCount()).toBe(3)
    await serve.flushViews()
    expect(await viewCount()).toBe(3)
  })
})

const raw = (path: string, headers: Record<string, string>, origin = base) => rawRequest(`${origin}${path}`, headers)

describe('a cache miss', () => {
  it('is sent in the encoding the reader takes, the bytes and version the cache then serves', async () => {
    const missed = await raw('/miss-br/', { 'accept-encoding': 'gzip, br' })
    expect(missed.headers['x-cache']).toBe('MISS')
    expect(missed.headers['content-encoding']).toBe('br')
    expect(Number(missed.headers['content-length'])).toBe(missed.body.length)
    expect(brotliDecompressSync(missed.body).toString()).toBe('<p>page</p>')
    await pageStored(serve.cache, '/miss-br/')
    const hit = await raw('/miss-br/', { 'accept-encoding': 'gzip, br' })
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.body.equals(missed.body)).toBe(true)
    expect(hit.headers.etag).toBe(missed.headers.etag)
    // A request's nonce is not replayed to everyone the page is served to.
    for (const { headers } of [missed, hit]) expect(headers.link).toBe('</a.css>; rel=preload; as="style"')
    expect(serve.cache.get('/miss-br/')!.br!.equals(missed.body)).toBe(true)
  })

  it('makes no brotli copy for a gzip client, until a client takes brotli', async () => {
    const missed = await raw('/miss-gzip/', { 'accept-encoding': 'gzip' })
    expect(missed.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(missed.body).toString()).toBe('<p>page</p>')
    await pageStored(serve.cache, '/miss-gzip/')
    const stored = serve.cache.get('/miss-gzip/')!
    expect(stored.gzip.equals(missed.body)).toBe(true)
    expect(stored.br).toBeUndefined()
    const br = await raw('/miss-gzip/', { 'accept-encoding': 'br' })
    expect(br.headers['x-cache']).toBe('HIT')
    expect(brotliDecompressSync(br.body).toString()).toBe('<p>page</p>')
    expect(stored.br!.equals(br.body)).toBe(true)
    const plain = await raw('/miss-plain/', {})
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe('<p>page</p>')
    expect(plain.headers.etag).toMatch(/^"[\w-]+"$/)
  })
})

describe('readers waiting on a render', () => {
  it('get it compressed as the first reader did, even when a purge kept it out of the cache', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let rendering!: () => void
    const entered = new Promise<void>((resolve) => (rendering = resolve))
    const slow = createReaderHandler(
      async (_req, res) => {
        tagPage('list')
        rendering()
        await gate
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end('<p>slow page</p>')
      },
      () => undefined,
    )
    const local = http.createServer((req, res) => void slow(req, res))
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(local.address() as AddressInfo).port}`
    try {
      // Each step waits on the one before, not on a delay: on a loaded machine a delay can be
      // too short, and the second reader then arrives before the render or after the purge.
      const first = raw('/slow/', { 'accept-encoding': 'gzip' }, origin)
      await entered
      const joined = vi.spyOn(SingleFlight.prototype, 'pending')
      const waiting = raw('/slow/', { 'accept-encoding': 'gzip, br' }, origin)
      await vi.waitFor(() => expect(joined.mock.results.some(({ value }) => value)).toBe(true), {
        timeout: 10_000,
      })
      slow.cache.purge(['list'])
      release()
      const [rendered, shared] = await Promise.all([first, waiting])
      expect(rendered.headers['x-cache']).toBe('MISS')
      expect(shared.headers['x-cache']).toBe('SHARED')
      expect(shared.headers['content-encoding']).toBe('gzip')
      expect(gunzipSync(shared.body).toString()).toBe('<p>slow page</p>')
      expect(shared.headers.etag).toBe(rendered.headers.etag)
      expect(slow.cache.get('/slow/')).toBeUndefined()
    } finally {
      vi.restoreAllMocks()
      await new Promise<void>((resolve) => local.close(() => resolve()))
    }
  })
})

describe('renders waiting their turn', () => {
  // A handler whose renders each wait to be let go, on a server that counts the requests it got.
  async function heldRenders(renderConcurrency: number) {
    const entered: string[] = []
    const waiting: (() => void)[] = []
    const handler = createReaderHandler(
      async (req, res) => {
        entered.push(req.url!)
        tagPage('list')
        await new Promise<void>((resolve) => waiting.push(resolve))
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(`<p>${req.url}</p>`)
      },
      () => undefined,
      () => undefined,
      { renderConcurrency },
    )
    let received = 0
    const local = http.createServer((req, res) => {
      received++
      void handler(req, res)
    })
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(local.address() as AddressInfo).port}`
    return {
      handler,
      entered,
      origin,
      received: () => received,
      // Lets the oldest render waiting go.
      releaseOne: () => waiting.shift()!(),
      releaseAll: () => waiting.splice(0).forEach((release) => release()),
      close: () =>
        new Promise<void>((resolve) => {
          local.close(() => resolve())
          local.closeAllConnections()
        }),
    }
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 50))

  it('renders as many pages at once as configured, the rest in the order they came, and says so to monitors', async () => {
    const held = await heldRenders(2)
    try {
      const answers = ['/a/', '/b/'].map((path) => raw(path, {}, held.origin))
      await vi.waitFor(() => expect(held.entered).toHaveLength(2), { timeout: 10_000 })
      // One at a time: a request reads the purges before it queues, which on PostgreSQL waits on
      // the database, so requests sent together may queue in any order.
      for (const path of ['/c/', '/d/', '/e/']) {
        answers.push(raw(path, {}, held.origin))
        await vi.waitFor(() => expect(held.received()).toBe(answers.length), { timeout: 10_000 })
        await settled()
      }
      expect(held.entered).toHaveLength(2)
      // What a monitor reads of this process.
      expect((await databaseHealth()).server.renders).toEqual({ rendering: 2, waiting: 3 })
      held.releaseOne()
      await vi.waitFor(() => expect(held.entered).toHaveLength(3), { timeout: 10_000 })
      await settled()
      expect(held.entered).toHaveLength(3)
      const done = Promise.all(answers)
      while (held.entered.length < 5 || held.received() < 5) {
        held.releaseAll()
        await settled()
      }
      held.releaseAll()
      const pages = await done
      expect(pages.map((page) => page.status)).toEqual([200, 200, 200, 200, 200])
      expect(held.entered.slice(2)).toEqual(['/c/', '/d/', '/e/'])
    } finally {
      held.releaseAll()
      await held.close()
    }
  })

  it('renders nothing for a reader who left while waiting, and once for readers of the same page', async () => {
    const held = await heldRenders(1)
    try {
      const first = raw('/first/', {}, held.origin)
      await vi.waitFor(() => expect(held.entered).toEqual(['/first/']), { timeout: 10_000 })
      // This reader gives up before its turn.
      const gone = new AbortController()
      const left = fetch(`${held.origin}/left/`, { signal: gone.signal }).catch(() => 'left')
      await vi.waitFor(() => expect(held.received()).toBe(2), { timeout: 10_000 })
      gone.abort()
      expect(await left).toBe('left')
      // Two readers of one page: one waits behind the other, then takes its render.
      const readers = [raw('/same/', {}, held.origin), raw('/same/', {}, held.origin)] as const
      await vi.waitFor(() => expect(held.received()).toBe(4), { timeout: 10_000 })
      held.releaseOne()
      await vi.waitFor(() => expect(held.entered).toHaveLength(2), { timeout: 10_000 })
      held.releaseAll()
      const [one, two] = await Promise.all(readers)
      await first
      expect(held.entered).toEqual(['/first/', '/same/'])
      expect(two.body.toString()).toBe(one.body.toString())
      // Either may have queued first.
      const served = [one, two].map((page) => page.headers['x-cache'])
      expect(served.filter((cache) => cache === 'MISS')).toHaveLength(1)
      expect(served.filter((cache) => cache === 'HIT' || cache === 'SHARED')).toHaveLength(1)
    } finally {
      held.releaseAll()
      await held.close()
    }
  })
})

describe('a shared link', () => {
  it('is the page without its campaign tags, from the same cache entry', async () => {
    const first = await raw('/shared-link/', { 'accept-encoding': 'gzip' })
    expect(first.headers['x-cache']).toBe('MISS')
    await pageStored(serve.cache, '/shared-link/')
    const tagged = await raw('/shared-link/?utm_source=newsletter&utm_medium=email&fbclid=IwAR0', {
      'accept-encoding': 'gzip',
    })
    expect(tagged.headers['x-cache']).toBe('HIT')
    expect(tagged.body.equals(first.body)).toBe(true)
    expect(serve.cache.get('/shared-link/?utm_source=newsletter&utm_medium=email&fbclid=IwAR0')).toBeUndefined()
    const other = await raw('/shared-link/?q=budget&gclid=Cj0', { 'accept-encoding': 'gzip' })
    expect(other.headers['x-cache']).toBe('MISS')
    await pageStored(serve.cache, '/shared-link/?q=budget')
  })
})

describe('a reader 404', () => {
  it('is rendered again as the not-found page without a listener warning', async () => {
    // Stands in for Next: every pass listens for the response closing, as its renderer does (abort
    // signal, stream writer, response wait), and keeps listening while it waits.
    const passes: string[] = []
    const notFound = createReaderHandler(
      async (req, res) => {
        passes.push(req.url!)
        for (let i = 0; i < 6; i++) res.once('close', () => {})
        tagPage('list')
        res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(req.url!.startsWith('/_/') ? '<h1>Not found</h1>' : '')
      },
      () => undefined,
    )
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    const local = http.createServer((req, res) => void notFound(req, res))
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
    try {
      const response = await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/no/such/page/`)
      expect(response.status).toBe(404)
      expect(await response.text()).toContain('Not found')
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      process.off('warning', onWarning)
      await new Promise<void>((resolve) => local.close(() => resolve()))
    }
    expect(passes).toEqual(['/no/such/page/', '/_/not/found/by/any/route/'])
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })

  it('is rendered once for every anonymous reader until a purge, and never for a shared cache', async () => {
    const passes: string[] = []
    const notFound = createReaderHandler(
      async (req, res) => {
        passes.push(req.url!)
        tagPage('layout')
        res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(req.url!.startsWith('/_/') ? `<h1>Not found</h1><p>${passes.length}</p>` : '')
      },
      () => undefined,
      () => undefined,
      { sharedCache: { sMaxAge: 60, staleWhileRevalidate: 0, tagHeaders: ['xkey'], purgeUrls: [] } },
    )
    const local = http.createServer((req, res) => void notFound(req, res))
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(local.address() as AddressInfo).port}`
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${origin}${path}`, { headers })
      return {
        status: response.status,
        cacheControl: response.headers.get('cache-control'),
        body: await response.text(),
      }
    }
    try {
      const first = await get('/no/such/page/')
      const second = await get('/wp-login.php')
      expect([first.status, second.status]).toEqual([404, 404])
      expect(second.body).toBe(first.body)
      expect(first.body).toContain('Not found')
      for (const answer of [first, second]) expect(answer.cacheControl).toBe('private, no-store')
      // The second missing URL costs its own first pass only.
      expect(passes).toEqual(['/no/such/page/', '/_/not/found/by/any/route/', '/wp-login.php'])

      notFound.cache.purge(['layout'])
      expect((await get('/gone/')).body).not.toBe(first.body)
      expect(passes.slice(3)).toEqual(['/gone/', '/_/not/found/by/any/route/'])

      // A signed-in reader's page may name them: rendered for them, never taken from the cache.
      const signedIn = await get('/gone/', { cookie: 'authjs.session-token=abc' })
      expect(signedIn.status).toBe(404)
      expect(passes.slice(5)).toEqual(['/gone/', '/_/not/found/by/any/route/'])
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()))
    }
  })
})

// SQLite's own ways of refusing writes (a query_only connection, another process's write lock past
// the busy timeout): skipped on PostgreSQL, which has neither.
describe.skipIf(engine === 'postgres')('a database that cannot be written', () => {
  it('serves pages, keeps the read counts for the next flush and answers a failed write with 503', async () => {
    const before = await viewCount()
    await (await fetch(`${base}/article/counted/`)).text()
    // SQLITE_READONLY, as on a read-only file: the connection refuses every write.
    sqlite.pragma('query_only = ON')
    try {
      const page = await fetch(`${base}/article/counted/`)
      expect(page.status).toBe(200)
      await page.text()
      await serve.flushViews()
      await serve.flushViews()
      expect(await viewCount()).toBe(before)
      expect(currentWriteFailure()).toMatchObject({ reason: 'readonly', where: 'view counts' })
      const action = await fetch(`${base}/admin/tags/`, { method: 'POST', headers: { 'Next-Action': 'x' } })
      expect(action.status).toBe(503)
      expect(action.headers.get('retry-after')).toBe('120')
      expect(await action.text()).toBe('0:{}')
    } finally {
      sqlite.pragma('query_only = OFF')
    }
    // Writable again: the counts held in memory go in, and the same POST is a 200 again.
    await serve.flushViews()
    expect(await viewCount()).toBe(before + 2)
    expect(currentWriteFailure()).toBeUndefined()
    const action = await fetch(`${base}/admin/tags/`, { method: 'POST', headers: { 'Next-Action': 'x' } })
    expect(action.status).toBe(200)
  })

  it('keeps the counts while another process holds the write lock past the busy timeout', async () => {
    const before = await viewCount()
    await (await fetch(`${base}/article/counted/`)).text()
    const other = openDatabase(sqlite.name)
    sqlite.pragma('busy_timeout = 50')
    other.exec('BEGIN IMMEDIATE')
    try {
      await serve.flushViews()
      expect(await viewCount()).toBe(before)
      expect(currentWriteFailure()?.reason).toBe('busy')
    } finally {
      other.exec('ROLLBACK')
      other.close()
      sqlite.pragma('busy_timeout = 5000')
    }
    await serve.flushViews()
    expect(await viewCount()).toBe(before + 1)
  })
})

describe('old URLs', () => {
  let local: http.Server
  let at: string
  const passes: string[] = []

  beforeAll(async () => {
    const { findQueryRedirect, findRedirect } = await import('@/db/queries/redirects')
    await writer.insert(redirects).values([
      { fromPath: '/ferry-timetable', toPath: '/2024/04/02/ferry-timetable/' },
      { fromPath: '/2024/03/lighthouse-keeper/', toPath: '/2024/03/14/lighthouse-keeper/' },
    ])
    await writer
      .insert(wordpressImports)
      .values({ source: 'paper.example.net/blog', kind: 'post', wpKey: '41', targetId: articleId })
    // Stands in for Next with `trailingSlash: true`: a path without its slash gets a 308 first.
    const serveOld = createReaderHandler(
      async (req, res) => {
        passes.push(req.url!)
        const path = req.url!.split('?')[0]!
        if (!path.endsWith('/')) {
          res.writeHead(308, { Location: `${path}/` }).end()
          return
        }
        tagPage('list')
        res.writeHead(path === '/' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(path === '/' ? '<p>front page</p>' : path.startsWith('/_/') ? '<h1>Not found</h1>' : '')
      },
      findRedirect,
      findQueryRedirect,
    )
    local = http.createServer((req, res) => void serveOld(req, res))
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
    at = `http://127.0.0.1:${(local.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => local.close(() => resolve())))

  const get = (path: string) => {
    passes.length = 0
    return fetch(`${at}${path}`, { redirect: 'manual' })
  }

  it('without a trailing slash reach their page in one redirect, whichever form was stored', async () => {
    for (const [from, to] of [
      ['/ferry-timetable', '/2024/04/02/ferry-timetable/'],
      ['/ferry-timetable?ref=old', '/2024/04/02/ferry-timetable/'],
      ['/ferry-timetable/', '/2024/04/02/ferry-timetable/'],
      ['/2024/03/lighthouse-keeper', '/2024/03/14/lighthouse-keeper/'],
    ]) {
      const response = await get(from!)
      expect(response.status, from).toBe(301)
      expect(response.headers.get('location'), from).toBe(to)
    }
    const other = await get('/about')
    expect(other.status).toBe(308)
    expect(passes).toEqual(['/about'])
  })

  it('name a subfolder install, or content that is not here, or nothing of WordPress', async () => {
    const moved = await get('/blog/?p=41')
    expect(moved.status).toBe(301)
    expect(moved.headers.get('location')).toMatch(/\/counted\/$/)
    const missing = await get('/?p=999999')
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('Not found')
    expect(passes).toEqual(['/_/not/found/by/any/route/'])
    for (const url of ['/?page_id=999999', '/?attachment_id=999999', '/blog/?p=999999'])
      expect((await get(url)).status, url).toBe(404)
    const campaign = await get('/?utm_source=x')
    expect(campaign.status).toBe(200)
    expect(await campaign.text()).toContain('front page')
  })
})
