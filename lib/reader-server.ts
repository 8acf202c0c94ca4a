import type Database from 'better-sqlite3'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type CachedPage, identityBody, PageCache, withPageTags } from './page-cache'

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>
type Rendered = { headers: Record<string, string>; body: Buffer } | null

const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/
const notReaderPath = /^\/(_next|uploads|admin|api)\//
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

/**
 * The page anonymous readers get: Next's HTML without its client runtime. Reader pages are complete
 * without JavaScript (no client component of ours is on them), so the framework's scripts, their
 * preloads and the inline RSC payload (two thirds of the bytes) would only cost readers download
 * and main-thread time, and the page cache would have to share script nonces between readers.
 * JSON-LD blocks are data, not scripts, and stay. Signed-in readers' pages are not cached and keep
 * the runtime for anything interactive. Next escapes `<` inside its inline scripts, so a script
 * element always ends at the first `</script>`.
 */
export function readerHtml(html: string) {
  return html
    .replace(/<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*\bas="script"[^>]*>/g, '')
}

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
      : [identityBody(page), undefined]
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
 * - moved URLs (slug changes, imports) answer with their redirect instead of a 404, and
 *   WordPress's query-string URLs (`/?p=123`) with where that content lives now.
 */
export function createReaderHandler(
  handle: Handler,
  sqlite: Database.Database,
  findRedirect: (path: string) => { toPath: string; statusCode: number } | undefined,
  findQueryRedirect: (url: string) => string | undefined = () => undefined,
) {
  const cache = new PageCache()
  const inflight = new Map<string, { generation: number; done: Promise<Rendered> }>()
  const newPurges = sqlite.prepare<[number], { id: number; tag: string }>(
    'SELECT id, tag FROM cache_purges WHERE id > ? ORDER BY id',
  )
  let lastPurge = sqlite.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM cache_purges').get()!.id
  const prune = sqlite.prepare('DELETE FROM cache_purges WHERE created_at < ?')
  setInterval(() => prune.run(Date.now() - 60 * 60 * 1000), 10 * 60 * 1000).unref()

  // Article reads for the digest's "most read first": counted in memory as pages are served, cached
  // or not, and added to articles.view_count in one transaction every 10 s. No trigger watches that
  // column, so counting purges nothing and never touches the page cache.
  const views = new Map<number, number>()
  const addViews = sqlite.prepare<[number, number]>('UPDATE articles SET view_count = view_count + ? WHERE id = ?')
  const flushViews = sqlite.transaction(() => {
    for (const [id, n] of views) addViews.run(n, id)
    views.clear()
  })
  setInterval(() => views.size && flushViews(), 10_000).unref()
  function countRead(tags: Iterable<string>) {
    for (const tag of tags)
      if (tag.startsWith('article:')) {
        const id = Number(tag.slice(8))
        views.set(id, (views.get(id) ?? 0) + 1)
      }
  }

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
    // WordPress's query-string URLs all land on the front page, which would answer them 200.
    if (/^\/\?(?:[^#]*&)?(?:p|page_id|attachment_id|cat|tag|author|m|s|feed)=/.test(url)) {
      const to = findQueryRedirect(url)
      if (to) {
        res.writeHead(301, { Location: to, 'Cache-Control': 'public, max-age=3600' }).end()
        return
      }
    }
    const cacheable = !sessionCookie.test(req.headers.cookie ?? '')
    if (cacheable) {
      const hit = cache.get(url)
      if (hit) {
        if (req.method === 'GET') countRead(hit.tags)
        return sendCached(req, res, hit)
      }
      // One render per URL at a time: a request arriving while a render of the same content
      // generation is under way takes that render's result instead of starting another. Without
      // this, a purge under load sends every waiting reader into Next at once.
      const pending = inflight.get(url)
      if (pending && pending.generation === cache.generation && req.method === 'GET') {
        const rendered = await pending.done
        const stored = cache.get(url)
        if (stored) countRead(stored.tags)
        if (stored) return sendCached(req, res, stored)
        if (rendered) {
          res.writeHead(200, { ...rendered.headers, 'Content-Length': rendered.body.length, 'X-Cache': 'SHARED' })
          res.end(rendered.body)
          return
        }
      }
    }

    const tags = new Set<string>()
    if (req.method === 'GET') res.once('finish', () => res.statusCode === 200 && countRead(tags))
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
    // A GET that may be cached is held back until it is complete, so the first reader gets exactly
    // the bytes later readers will get from the cache (see readerHtml).
    const buffering = cacheable && req.method === 'GET'
    let heldHead: Parameters<ServerResponse['writeHead']> | undefined
    let swallowed = false
    const intercept = () => swallowed || (swallowed = res.statusCode === 404)
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (buffering && chunk)
        chunks.push(
          Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(chunk as string, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding),
        )
    }
    if (cacheable) res.setHeader('X-Cache', 'MISS')

    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (args[0] === 404) swallowed = true
      if (intercept()) return this
      if (buffering) {
        heldHead = args
        this.statusCode = args[0]
        return this
      }
      return original.writeHead.apply(this, args)
    } as ServerResponse['writeHead']
    res.flushHeaders = function (this: ServerResponse) {
      if (!intercept() && !buffering) original.flushHeaders.call(this)
    }
    res.write = function (this: ServerResponse, ...args: unknown[]) {
      if (intercept() || buffering) {
        if (!intercept()) keep(args[0], args[1])
        ;(args.find((a) => typeof a === 'function') as (() => void) | undefined)?.()
        return true
      }
      return (original.write as (...a: unknown[]) => boolean).apply(this, args)
    } as ServerResponse['write']
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!intercept()) {
        if (!buffering) return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args)
        if (typeof args[0] !== 'function') keep(args[0], args[1])
        Object.assign(res, original)
        if (heldHead) {
          const [status, ...rest] = heldHead
          const given = rest.find((a) => a && typeof a === 'object')
          const flat: unknown[] = Array.isArray(given) ? given.flat() : []
          const pairs = Array.isArray(given)
            ? Array.from({ length: flat.length / 2 }, (_, i) => [String(flat[2 * i]), flat[2 * i + 1]] as const)
            : Object.entries(given ?? {})
          for (const [name, value] of pairs)
            if (value !== undefined && value !== null) res.setHeader(name, value as string | number | string[])
          res.statusCode = status
        }
        // Headers given to writeHead are in place now, so store() sees the content type.
        const body = store(Buffer.concat(chunks))
        // The body may be shorter than what Next produced, so its length is set here.
        res.removeHeader('transfer-encoding')
        res.setHeader('Content-Length', body.length)
        return res.end(body)
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

    /** Stores a finished page when it may be shared, and returns the bytes to send. */
    function store(rendered: Buffer): Buffer {
      const type = String(res.getHeader('content-type') ?? '')
      if (res.statusCode !== 200 || tags.size === 0 || res.getHeader('set-cookie') || !type.startsWith('text/html')) {
        settle(null)
        return rendered
      }
      const body = Buffer.from(readerHtml(rendered.toString('utf8')))
      // Content may have changed while this page rendered; the generation check then refuses it.
      applyPurges()
      const headers: Record<string, string> = {}
      for (const name of storedHeaders) {
        const value = res.getHeader(name)
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
      }
      cache.set(url, { status: 200, headers, body, tags }, startedAt)
      settle({ headers, body })
      return body
    }

    await withPageTags(tags, () => handle(req, res))
  }
  return Object.assign(handler, { cache, flushViews })
}
