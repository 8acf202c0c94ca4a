import type Database from 'better-sqlite3'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type CachedPage, PageCache, withPageTags } from './page-cache'

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>
type Rendered = { headers: Record<string, string>; body: Buffer } | null

// Auth.js splits a large session into authjs.session-token.0, .1, …: any of them means signed in.
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/
// Account pages are per reader or carry one-time tokens: never cached, whoever asks.
const notReaderPath = /^\/(_next|uploads|admin|api|account|signin|signup|reset|verify|comments)\//
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

function sendCached(req: IncomingMessage, res: ServerResponse, page: CachedPage) {
  const common = {
    ETag: page.etag,
    'Cache-Control': 'public, max-age=0, must-revalidate',
    Vary: 'Accept-Encoding',
    'X-Cache': 'HIT',
  }
  if (req.headers['if-none-match'] === page.etag) {
    res.writeHead(304, common).end()
    return
  }
  const accept = req.headers['accept-encoding'] ?? ''
  const [body, encoding] = /\bbr\b/.test(accept)
    ? [page.br, 'br']
    : /\bgzip\b/.test(accept)
      ? [page.gzip, 'gzip']
      : [page.body, undefined]
  res.writeHead(page.status, {
    ...page.headers,
    ...common,
    'Content-Length': body.length,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/**
 * Wraps Next's request handler for the reader site:
 * - anonymous GETs of reader pages are answered from an in-memory page cache, precompressed,
 *   with ETags; pages are dropped by tag when the content they show changes (purge events are
 *   rows that SQLite triggers write, so writes from any process count);
 * - a 404 from a reader page is rendered again as the global not-found page, because Next sends
 *   a notFound() from a dynamic page as an empty shell that only JavaScript fills in
 *   (vercel/next.js#62228), and reader pages must work without JavaScript;
 * - moved URLs (slug changes, imports) answer with their redirect instead of a 404.
 */
export function createReaderHandler(
  handle: Handler,
  sqlite: Database.Database,
  findRedirect: (path: string) => { toPath: string; statusCode: number } | undefined,
) {
  const cache = new PageCache()
  const inflight = new Map<string, { generation: number; done: Promise<Rendered> }>()
  const newPurges = sqlite.prepare<[number], { id: number; tag: string }>(
    'SELECT id, tag FROM cache_purges WHERE id > ? ORDER BY id',
  )
  let lastPurge = sqlite.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM cache_purges').get()!.id
  const prune = sqlite.prepare('DELETE FROM cache_purges WHERE created_at < ?')
  setInterval(() => prune.run(Date.now() - 60 * 60 * 1000), 10 * 60 * 1000).unref()

  function applyPurges() {
    const rows = newPurges.all(lastPurge)
    if (rows.length === 0) return
    lastPurge = rows.at(-1)!.id
    cache.purge(new Set(rows.map((r) => r.tag)))
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    applyPurges()
    const url = req.url ?? '/'
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.headers.rsc &&
      !req.headers['next-action'] &&
      !notReaderPath.test(url)
    if (!isPage) return handle(req, res)
    const cacheable = !sessionCookie.test(req.headers.cookie ?? '')
    if (cacheable) {
      const hit = cache.get(url)
      if (hit) return sendCached(req, res, hit)
      // One render per URL at a time: a request arriving while a render of the same content
      // generation is under way takes that render's result instead of starting another. Without
      // this, a purge under load sends every waiting reader into Next at once.
      const pending = inflight.get(url)
      if (pending && pending.generation === cache.generation && req.method === 'GET') {
        const rendered = await pending.done
        const stored = cache.get(url)
        if (stored) return sendCached(req, res, stored)
        if (rendered) {
          res.writeHead(200, { ...rendered.headers, 'Content-Length': rendered.body.length, 'X-Cache': 'SHARED' })
          res.end(rendered.body)
          return
        }
      }
    }

    const tags = new Set<string>()
    const startedAt = cache.generation
    let settle: (rendered: Rendered) => void = () => {}
    if (cacheable && req.method === 'GET') {
      const done = new Promise<Rendered>((resolve) => (settle = resolve))
      const entry = { generation: startedAt, done }
      inflight.set(url, entry)
      void done.then(() => {
        if (inflight.get(url) === entry) inflight.delete(url)
      })
      res.once('close', () => settle(null))
    }
    const chunks: Buffer[] = []
    const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders }
    let swallowed = false
    const intercept = () => swallowed || (swallowed = res.statusCode === 404)
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (cacheable && chunk)
        chunks.push(
          Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(chunk as string, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding),
        )
    }
    if (cacheable) res.setHeader('X-Cache', 'MISS')

    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (args[0] === 404) swallowed = true
      return intercept() ? this : original.writeHead.apply(this, args)
    } as ServerResponse['writeHead']
    res.flushHeaders = function (this: ServerResponse) {
      if (!intercept()) original.flushHeaders.call(this)
    }
    res.write = function (this: ServerResponse, ...args: unknown[]) {
      if (intercept()) {
        ;(args.find((a) => typeof a === 'function') as (() => void) | undefined)?.()
        return true
      }
      keep(args[0], args[1])
      return (original.write as (...a: unknown[]) => boolean).apply(this, args)
    } as ServerResponse['write']
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!intercept()) {
        if (typeof args[0] !== 'function') keep(args[0], args[1])
        store()
        return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args)
      }
      settle(null)
      Object.assign(res, original)
      for (const name of res.getHeaderNames()) res.removeHeader(name)
      const moved = findRedirect(url.split('?')[0]!)
      if (moved) {
        res.writeHead(moved.statusCode, { Location: moved.toPath }).end()
        return this
      }
      // Next keeps what it matched on the request object; the second pass must start clean.
      delete (req as unknown as Record<symbol, unknown>)[Symbol.for('NextInternalRequestMeta')]
      // A path deeper than any route: Next answers it with the global not-found page, fully rendered.
      req.url = '/_/not/found/by/any/route/'
      void handle(req, res)
      return this
    } as ServerResponse['end']

    function store() {
      const type = String(res.getHeader('content-type') ?? '')
      if (
        !cacheable ||
        req.method !== 'GET' ||
        res.statusCode !== 200 ||
        tags.size === 0 ||
        res.getHeader('set-cookie') ||
        !type.startsWith('text/html')
      )
        return settle(null)
      // Content may have changed while this page rendered; the generation check then refuses it.
      applyPurges()
      const headers: Record<string, string> = {}
      for (const name of storedHeaders) {
        const value = res.getHeader(name)
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
      }
      const body = Buffer.concat(chunks)
      cache.set(url, { status: 200, headers, body, tags }, startedAt)
      settle({ headers, body })
    }

    await withPageTags(tags, () => handle(req, res))
  }
  return Object.assign(handler, { cache })
}
