import type Database from 'better-sqlite3'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentSecurityPolicy, inlineScriptHashes } from './csp'
import { log } from './log'
import { type CachedPage, identityBody, PageCache, withPageTags } from './page-cache'
import { guardRequest, malformedPath } from './request-guard'
import { currentWriteFailure, retryAfterSeconds, tryWrite, type WriteFailure, withWriteTracking } from './write-failure'

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>
type Rendered = { headers: Record<string, string>; body: Buffer } | null

// Auth.js splits a large session into authjs.session-token.0, .1, …: any of them means signed in.
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/
// Account pages are per reader or carry one-time tokens: never cached, whoever asks.
const notReaderPath = /^\/(_next|uploads|admin|api|account|signin|signup|reset|verify|comments)\//
// WordPress's query-string URLs, on the front page or under the folder WordPress was installed in.
const wordpressQuery = /^\/[^?#]*\?(?:[^#]*&)?(?:p|page_id|attachment_id|cat|tag|author|m|s|feed)=/
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
 * - moved URLs (slug changes, imports) answer with their redirect instead of a 404, old paths
 *   without a trailing slash before Next's own 308 to the slashed form, and WordPress's
 *   query-string URLs (`/?p=123`, `/blog/?p=123`) with where that content lives now, or with the
 *   not-found page when it is not here.
 */
/** Applies a held `writeHead(status, [message], [headers])` to the response. */
function applyHead(res: ServerResponse, head: Parameters<ServerResponse['writeHead']> | undefined) {
  if (!head) return
  const [status, second, third] = head as unknown as [number, unknown?, unknown?]
  const headers = typeof second === 'string' ? third : second
  if (typeof second === 'string') res.statusMessage = second
  res.statusCode = status
  if (Array.isArray(headers)) {
    // Either [[name, value], …] or the flat [name, value, name, value, …] form.
    const pairs = Array.isArray(headers[0])
      ? (headers as [string, string][])
      : Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i], headers[2 * i + 1]] as [string, string])
    for (const [name, value] of pairs) res.appendHeader(name, value)
  } else if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string)
  }
}

export function createReaderHandler(
  handle: Handler,
  sqlite: Database.Database,
  findRedirect: (
    path: string,
  ) => { toPath: string; statusCode: number } | undefined | Promise<{ toPath: string; statusCode: number } | undefined>,
  findQueryRedirect: (url: string) => string | null | undefined | Promise<string | null | undefined> = () => undefined,
  options: { trustProxy?: boolean; siteUrl?: string } = {},
) {
  const cache = new PageCache()
  const inflight = new Map<string, { generation: number; done: Promise<Rendered> }>()
  const newPurges = sqlite.prepare<[number], { id: number; tag: string }>(
    'SELECT id, tag FROM cache_purges WHERE id > ? ORDER BY id',
  )
  let lastPurge = sqlite.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM cache_purges').get()!.id
  const prune = sqlite.prepare('DELETE FROM cache_purges WHERE created_at < ?')
  const pruneOld = () => prune.run(Date.now() - 60 * 60 * 1000)
  setInterval(() => tryWrite('cache purge pruning', pruneOld, (r) => r.changes > 0), 10 * 60 * 1000).unref()

  // Article reads for the digest's "most read first": counted in memory as pages are served, cached
  // or not, and added to articles.view_count in one transaction every 10 s. No trigger watches that
  // column, so counting purges nothing and never touches the page cache.
  const views = new Map<number, number>()
  const addViews = sqlite.prepare<[number, number]>('UPDATE articles SET view_count = view_count + ? WHERE id = ?')
  const addAllViews = sqlite.transaction(() => {
    for (const [id, n] of views) addViews.run(n, id)
  })
  // While the disk is full or the database read-only the counts stay in memory for the next
  // flush; cleared only once committed (the commit itself is what a full disk refuses).
  const flushViews = () => {
    if (views.size && tryWrite('view counts', addAllViews).ok) views.clear()
  }
  // While writes fail, the timer tries once a minute rather than every 10 s: a write lock held
  // by another process costs each attempt the busy timeout, during which this process waits.
  let lastFlush = 0
  setInterval(() => {
    if (currentWriteFailure() && Date.now() - lastFlush < 60_000) return
    lastFlush = Date.now()
    flushViews()
  }, 10_000).unref()
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

  /**
   * A POST (a server action, a form to a route handler) whose write met a full disk or a read-only
   * database: a server action can only return the form with its message, so its 200 becomes the
   * 503 it is, with Retry-After; so does the 500 of code that did not catch the failure (recorded
   * by `onRequestError` in instrumentation.ts). Node sends every status through `writeHead`, also one set as
   * `statusCode` before the first write. Next's client runtime reads an action's result whatever
   * the status, and a browser without JavaScript shows the page it is given.
   */
  function handleWrite(req: IncomingMessage, res: ServerResponse) {
    const store: { failure?: WriteFailure } = {}
    const writeHead = res.writeHead
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (store.failure && (args[0] === 200 || args[0] === 500)) {
        args[0] = 503
        this.setHeader('Retry-After', String(retryAfterSeconds))
        this.setHeader('Cache-Control', 'no-store')
      }
      return writeHead.apply(this, args)
    } as ServerResponse['writeHead']
    return withWriteTracking(store, () => handle(req, res))
  }

  /** Next's global not-found page, fully rendered, for a request that found nothing. */
  function renderNotFound(req: IncomingMessage, res: ServerResponse) {
    // Next keeps what it matched on the request object; a second pass must start clean.
    delete (req as unknown as Record<symbol, unknown>)[Symbol.for('NextInternalRequestMeta')]
    // A path deeper than any route: Next answers it with the global not-found page, fully rendered.
    req.url = '/_/not/found/by/any/route/'
    return handle(req, res)
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const refusal = guardRequest(req, options.trustProxy ?? false, options.siteUrl)
    if (refusal) {
      log('warn', 'request refused', { reason: refusal, method: req.method, path: req.url })
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Cross-site request refused.\n')
      return
    }
    if (malformedPath(req.url ?? '/')) {
      res
        .writeHead(400, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        })
        .end('Bad request: the address is not valid.\n')
      return
    }
    applyPurges()
    const url = req.url ?? '/'
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.headers.rsc &&
      !req.headers['next-action'] &&
      !notReaderPath.test(url)
    if (!isPage) return req.method === 'POST' ? handleWrite(req, res) : handle(req, res)
    // WordPress's query-string URLs all land on the front page (or a subfolder install's),
    // which would answer them 200, even for content that is not here.
    if (wordpressQuery.test(url)) {
      const to = await findQueryRedirect(url)
      if (to) {
        res.writeHead(301, { Location: to, 'Cache-Control': 'public, max-age=3600' }).end()
        return
      }
      if (to === null) return renderNotFound(req, res)
    }
    // Next answers a path without its trailing slash with a 308 to the slashed one, whose
    // redirect (stored for the other form) would then cost a second hop, or be missed. Gazette's
    // own URLs all end in a slash, so only old links pay for this lookup.
    const pathname = url.split('?')[0]!
    if (!pathname.endsWith('/') && !/\.[A-Za-z0-9]{1,8}$/.test(pathname)) {
      const moved = await findRedirect(pathname)
      if (moved) {
        res.writeHead(moved.statusCode, { Location: moved.toPath }).end()
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
    // Set once the page is sent and about to be stored: readers asking meanwhile wait for the store.
    let storing = false
    if (cacheable && req.method === 'GET') {
      const done = new Promise<Rendered>((resolve) => (settle = resolve))
      const entry = { generation: startedAt, done }
      inflight.set(url, entry)
      void done.then(() => {
        if (inflight.get(url) === entry) inflight.delete(url)
      })
      // A reader who leaves must not keep the others waiting; a finished page is settled by its store.
      res.once('close', () => storing || settle(null))
    }
    // A reader page is held until it is complete: anonymous pages lose Next's client runtime
    // (readerHtml) and the first reader must get the bytes the cache keeps, and the
    // Content-Security-Policy names the hashes of the inline scripts that remain.
    const chunks: Buffer[] = []
    const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders }
    let head: Parameters<ServerResponse['writeHead']> | undefined
    let swallowed = false
    const intercept = () => swallowed || (swallowed = res.statusCode === 404)
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk && typeof chunk !== 'function')
        chunks.push(
          Buffer.isBuffer(chunk)
            ? chunk
            : chunk instanceof Uint8Array
              ? Buffer.from(chunk)
              : Buffer.from(chunk as string, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding),
        )
    }
    const callbackOf = (args: unknown[]) => args.find((a) => typeof a === 'function') as (() => void) | undefined
    if (cacheable) res.setHeader('X-Cache', 'MISS')

    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (args[0] === 404) swallowed = true
      if (!intercept()) {
        head = args
        this.statusCode = args[0]
      }
      return this
    } as ServerResponse['writeHead']
    res.flushHeaders = function () {}
    res.write = function (this: ServerResponse, ...args: unknown[]) {
      if (!intercept()) keep(args[0], args[1])
      callbackOf(args)?.()
      return true
    } as ServerResponse['write']
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!intercept()) {
        keep(args[0], args[1])
        Object.assign(res, original)
        applyHead(res, head)
        const html = String(res.getHeader('content-type') ?? '').startsWith('text/html')
        const shared = html && shareable()
        const rendered = Buffer.concat(chunks)
        const body = shared ? Buffer.from(readerHtml(rendered.toString('utf8'))) : rendered
        if (html)
          res.setHeader('Content-Security-Policy', contentSecurityPolicy(inlineScriptHashes(body.toString('utf8'))))
        if (!shared) settle(null)
        // The body may be shorter than what Next produced, so its length is set here.
        res.removeHeader('transfer-encoding')
        res.setHeader('Content-Length', body.length)
        res.end(body, callbackOf(args))
        // Compressing for the cache takes milliseconds this reader need not wait for.
        storing = shared
        if (shared)
          setImmediate(() => {
            try {
              store(body)
            } catch (error) {
              // Not stored is only slower: the next reader renders it again.
              settle(null)
              log('error', 'storing a page failed', { url, error: String(error) })
            }
          })
        return this
      }
      settle(null)
      Object.assign(res, original)
      for (const name of res.getHeaderNames()) res.removeHeader(name)
      void (async () => {
        const moved = await findRedirect(url.split('?')[0]!)
        if (moved) {
          res.writeHead(moved.statusCode, { Location: moved.toPath }).end()
          return
        }
        // The swallowed first pass keeps its `close` listeners (Next's abort signal, stream writer and
        // response wait) until this response closes, and the second pass adds as many again. Two
        // passes per response is a bounded total, not a leak, but past Node's default of 10 listeners
        // it printed a MaxListenersExceededWarning for every 404 under load.
        res.setMaxListeners(res.getMaxListeners() + res.listenerCount('close'))
        await renderNotFound(req, res)
      })()
      return this
    } as ServerResponse['end']

    /** Whether this response is an anonymous reader page that every reader may be given. */
    function shareable() {
      return (
        cacheable && req.method === 'GET' && res.statusCode === 200 && tags.size > 0 && !res.getHeader('set-cookie')
      )
    }

    function store(body: Buffer) {
      // Content may have changed while this page rendered; the generation check then refuses it.
      applyPurges()
      const headers: Record<string, string> = {}
      for (const name of storedHeaders) {
        const value = res.getHeader(name)
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value)
      }
      cache.set(url, { status: 200, headers, body, tags }, startedAt)
      settle({ headers, body })
    }

    await withPageTags(tags, () => handle(req, res))
  }
  return Object.assign(handler, { cache, flushViews })
}
