import type { IncomingMessage, ServerResponse } from 'node:http'
import compression from 'compression'
import pLimit from 'p-limit'
import { contentSecurityPolicy, inlineScriptHashes } from '@/lib/csp'
import { instance } from '@/lib/instance'
import { log } from '@/lib/log'
import { type CachedPage, compressPage, PageCache, withPageTags } from '@/lib/page-cache'
import { pageBytes, pageText } from '@/lib/page-text'
import { personalHtml, type Slot, slotsHeader, splitSlots, type Visitor } from '@/lib/reader-slots'
import { searchHeader } from '@/lib/request-guard'
import { fragmentsHeader, fragmentsHeaderValue, putFragments, takeFragments } from '@/lib/shared-fragments'
import { publicPageHeaders, type SharedCachePolicy } from '@/lib/shared-cache'
import { withoutTrackingParams } from '@/lib/tracking-params'
import { acceptedEncoding, type CachedAnswer, cachedAnswer, sendCached } from './cache-hit'
import { captureResponse } from './capture'
import { type GuardOptions, refuseRequest } from './guard'
import { FragmentStore } from './fragments'
import { notFoundUrl, readerHtml } from './next-internals'
import { answerNotFound, askNotFound, type Handler } from './not-found'
import { endRenderedPersonal, sendPersonal, visitorOf } from './personal'
import { PurgePoller } from './purges'
import { isAnonymous, isReaderPage } from './reader-page'
import { type RedirectLookups, redirectOldUrl } from './redirects'
import { type Rendered, SingleFlight } from './single-flight'
import { storePage } from './store'
import { ViewCounts } from './views'
import { handleWrite } from './write-failures'

// A Save or a removal sends the reader back with ?saved= or ?removed=: that page confirms it.
const afterSave = /[?&](?:saved|removed)=/
const sharedAssets = /^\/(?:_next\/static|uploads)\//
// Next's own compression is off (next.config.ts) so that the page cache gets renders as they are;
// what bypasses the cache (build assets, the back office, accounts, actions) is compressed here.
const compress = compression()

/**
 * Sends `Cache-Control: private, no-store` with the answer unless it says otherwise: only a page
 * found shareable says `public`, so nothing else can reach a shared cache by omission.
 */
function privateByDefault(res: ServerResponse) {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    const [, second, third] = args as unknown as [number, unknown?, unknown?]
    const headers = typeof second === 'string' ? third : second
    // Either an object, [[name, value], …] or the flat [name, value, …] form.
    const names: unknown[] = Array.isArray(headers)
      ? headers.map((h: unknown) => (Array.isArray(h) ? h[0] : h))
      : headers && typeof headers === 'object'
        ? Object.keys(headers)
        : []
    const named = names.some((name) => String(name).toLowerCase() === 'cache-control')
    if (!named && !this.hasHeader('cache-control')) this.setHeader('Cache-Control', 'private, no-store')
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}

/**
 * Wraps Next's request handler for the reader site, as a pipeline: the guard; purges; writes
 * (their 503); old URLs; then, for anonymous GETs of reader pages, the page cache (precompressed,
 * with ETags, dropped by tag when the content they show changes) and one render per URL at a
 * time; the render itself, captured until complete so anonymous readers get it without Next's
 * client runtime, with a hash-based Content-Security-Policy; the store; and a 404 rendered again
 * as the global not-found page, or answered with the redirect of a moved URL.
 */
export function createReaderHandler(
  handle: Handler,
  findRedirect: RedirectLookups['findRedirect'],
  findQueryRedirect: RedirectLookups['findQueryRedirect'] = () => undefined,
  options: GuardOptions & { cacheBytes?: number; sharedCache?: SharedCachePolicy; renderConcurrency?: number } = {},
) {
  const lookups: RedirectLookups = { findRedirect, findQueryRedirect }
  const cache = new PageCache(options.cacheBytes)
  const purges = new PurgePoller(cache)
  const views = new ViewCounts()
  const flights = new SingleFlight()
  const fragments = new FragmentStore()
  // Renders run on one thread, so more of them at once only interleave. Fifty at once (a crawler,
  // a purge of every listing) each held its page's objects until the last ended, growing the heap,
  // and some readers waited seconds longer than the rest. In turn, each waits about as long as the
  // queue ahead of it. A few at once keep the thread busy while one waits on PostgreSQL.
  const renders = pLimit(options.renderConcurrency ?? 4)
  // For /api/health/: one front server a process.
  instance.renderTurns = renders
  const sharedPolicy = options.sharedCache ?? { sMaxAge: 0, staleWhileRevalidate: 0, tagHeaders: [], purgeUrls: [] }
  // Built once per stored page, not per hit.
  const answers = new WeakMap<CachedPage, CachedAnswer>()
  const answerOf = (page: CachedPage) => {
    let answer = answers.get(page)
    if (!answer) answers.set(page, (answer = cachedAnswer(page, cacheHeaders(page.status, page.tags))))
    return answer
  }
  // Only a page found is public. The not-found page is one entry here for every URL that finds
  // nothing; a shared cache would keep it per URL, past a redirect added later.
  const cacheHeaders = (status: number, tags: Set<string>) =>
    status === 200 ? publicPageHeaders(tags, sharedPolicy) : { 'Cache-Control': 'private, no-store' }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (refuseRequest(req, res, options)) return
    // Only the front server asks for reader slots and shared fragments, on the renders it cuts.
    delete req.headers[slotsHeader]
    delete req.headers[fragmentsHeader]
    // While the purges cannot be read, readers still get what is cached: a stale page beats none.
    purges.afterApplied((_failure, version) => void route(req, res, version))
  }

  // `version`: SQLite's data version once the purges were applied, under which what a signed-in
  // reader's page needs from the database can be read once and kept (server/personal.ts).
  function route(req: IncomingMessage, res: ServerResponse, version: number | undefined) {
    if (!isReaderPage(req)) {
      // The back office, accounts, POSTs: a shared cache must never keep them, even where Next
      // says nothing (a redirect). Build assets and uploads are the same for everyone.
      if (!sharedAssets.test(req.url ?? '/')) privateByDefault(res)
      return compress(req, res, () => void handleWrite(req, res, () => handle(req, res)))
    }
    // A shared link's campaign tags change nothing on the page: it is the one without them.
    req.url = withoutTrackingParams(req.url ?? '/')
    const lookup = redirectOldUrl(req, res, lookups)
    return lookup ? afterLookup(req, res, lookup, version) : readerPage(req, res, version)
  }

  async function afterLookup(
    req: IncomingMessage,
    res: ServerResponse,
    lookup: Promise<string | undefined>,
    version: number | undefined,
  ) {
    const answered = await lookup
    if (answered === 'answered') return
    if (answered === 'not-found') return notFoundPage(req, res)
    return readerPage(req, res, version)
  }

  // A cache hit is answered synchronously; only what must wait (a render, another's render) is async.
  function readerPage(
    req: IncomingMessage,
    res: ServerResponse,
    version: number | undefined,
    signedIn = !isAnonymous(req),
  ): unknown {
    const url = req.url ?? '/'
    if (signedIn) return personalPage(req, res, url, version)
    return storedOrRendering(req, res, url) ?? render(req, res, url, true)
  }

  /**
   * An anonymous reader's page from the cache (true), or the wait for the render of it under way;
   * undefined when there is neither.
   */
  function storedOrRendering(req: IncomingMessage, res: ServerResponse, url: string) {
    const hit = cache.get(url)
    if (hit) {
      if (req.method === 'GET') views.count(hit.tags)
      sendCached(req, res, cache, hit, answerOf(hit))
      return true
    }
    const pending = req.method === 'GET' ? flights.pending(url, cache.generation) : undefined
    if (pending) return shared(req, res, url, pending)
  }

  /**
   * A signed-in reader gets the shared page with their own parts put in (server/personal.ts),
   * rendering it for everyone when no one has yet. Staff, and the page just after a Save (which
   * confirms it), are rendered for them alone.
   */
  async function personalPage(
    req: IncomingMessage,
    res: ServerResponse,
    url: string,
    version: number | undefined,
  ): Promise<unknown> {
    let visitor: Visitor | undefined
    try {
      visitor = afterSave.test(url) ? undefined : await visitorOf(req, version)
    } catch (error) {
      // The database cannot say who this is: the shared page beats no page.
      log('warn', 'reading the signed-in reader failed', { error: String(error) })
      return readerPage(req, res, version, false)
    }
    if (!visitor) return render(req, res, url, false)
    let page = cache.get(url)
    const pending = !page && req.method === 'GET' ? flights.pending(url, cache.generation) : undefined
    if (pending) page = (await pending, cache.get(url))
    if (page?.personal) {
      if (req.method === 'GET') views.count(page.tags)
      return sendPersonal(req, res, page, visitor)
    }
    return render(req, res, url, !page, visitor)
  }

  async function shared(req: IncomingMessage, res: ServerResponse, url: string, pending: Promise<Rendered>) {
    const rendered = await pending
    const stored = cache.get(url)
    if (stored) views.count(stored.tags)
    if (stored) return sendCached(req, res, cache, stored, answerOf(stored))
    if (rendered) {
      // Not stored (a purge came while it rendered), but sent as it was made for the first reader.
      const { copies } = rendered
      const encoding = copies ? acceptedEncoding(req, copies.br !== undefined) : undefined
      const body = encoding ? copies![encoding]! : rendered.body
      res.writeHead(rendered.status, {
        ...rendered.headers,
        ...cacheHeaders(rendered.status, rendered.tags),
        Vary: 'Accept-Encoding',
        ...(copies ? { ETag: copies.etag } : {}),
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
        'Content-Length': body.length,
        'X-Cache': 'SHARED',
      })
      res.end(body)
      return
    }
    return render(req, res, url, true)
  }

  // Only renders are tracked: a cache hit touches no database and stays as cheap as it is.
  function render(req: IncomingMessage, res: ServerResponse, url: string, cacheable: boolean, visitor?: Visitor) {
    privateByDefault(res)
    const now = () => handleWrite(req, res, () => renderNow(req, res, url, cacheable, visitor))
    // The not-found pass runs inside the turn of the render that found nothing: waiting for a
    // turn of its own, with every turn taken by such renders, it would wait for ever.
    if (url === notFoundUrl) return now()
    return renders(() => {
      // A reader who left while the page waited (a crawler's timeout) needs no render.
      if (res.destroyed) return
      // Another reader's render of this page may have stored it, or begun, while this one waited.
      // Not returned: a wait for that render, held in this turn, would keep another page from rendering.
      if (cacheable && !visitor && req.method === 'GET' && storedOrRendering(req, res, url) !== undefined) return
      return now()
    })
  }

  async function renderNow(
    req: IncomingMessage,
    res: ServerResponse,
    url: string,
    cacheable: boolean,
    visitor?: Visitor,
  ) {
    const tags = new Set<string>()
    // Rendered as anonymous readers see it, to be shared; this reader's parts go in afterwards.
    const cookie = req.headers.cookie
    if (visitor) delete req.headers.cookie
    const startedAt = cache.generation
    const held = cacheable ? fragments.current(startedAt) : undefined
    if (held) {
      req.headers[slotsHeader] = '1'
      req.headers[fragmentsHeader] = fragmentsHeaderValue(held.keys())
      // These renders skip Next's proxy (proxy.ts), which otherwise passes the query string on.
      req.headers[searchHeader] = url.includes('?') ? url.slice(url.indexOf('?')) : ''
    }
    if (req.method === 'GET') res.once('finish', () => res.statusCode === 200 && views.count(tags))
    let settle: (rendered: Rendered) => void = () => {}
    // Set once the page is sent and about to be stored: readers asking meanwhile wait for the store.
    let storing = false
    if (cacheable && req.method === 'GET') {
      settle = flights.start(url, startedAt)
      // A reader who leaves must not keep the others waiting; a finished page is settled by its store.
      res.once('close', () => storing || settle(null))
    }
    if (cacheable) res.setHeader('X-Cache', 'MISS')
    const notFoundPass = url === notFoundUrl
    const shareable = () =>
      cacheable &&
      req.method === 'GET' &&
      res.statusCode === (notFoundPass ? 404 : 200) &&
      tags.size > 0 &&
      !res.getHeader('set-cookie')

    // A reader page is held until it is complete: anonymous pages lose Next's client runtime
    // (readerHtml) and the first reader must get the bytes the cache keeps, and the
    // Content-Security-Policy names the hashes of the inline scripts that remain.
    captureResponse(res, {
      complete(rendered, callback) {
        const html = String(res.getHeader('content-type') ?? '').startsWith('text/html')
        const shared = html && shareable()
        let body = rendered
        let text: string | undefined
        let parts: (string | Slot)[] | undefined
        if (html && held) {
          // Every page asked with fragments gets them put back, error pages included.
          const marked = takeFragments(pageText(shared ? readerHtml(rendered) : rendered))
          if (res.statusCode === 200) fragments.keep(marked.fragments, startedAt, cache.generation)
          text = putFragments(marked.html, held)
        }
        if (html && (shared || visitor)) {
          const page = splitSlots(text ?? pageText(rendered))
          text = page.html
          parts = page.parts
        }
        if (text !== undefined) body = pageBytes(text)
        if (html)
          res.setHeader(
            'Content-Security-Policy',
            contentSecurityPolicy(inlineScriptHashes(text ?? pageText(rendered))),
          )
        if (!shared) settle(null)
        else {
          // Next marks every render private; this one is the page every anonymous reader gets.
          for (const [name, value] of Object.entries(cacheHeaders(res.statusCode, tags))) res.setHeader(name, value)
          // The nonce on Next's preloads is this request's; the page's policy names hashes instead.
          const link = res.getHeader('link')
          if (link !== undefined)
            res.setHeader(
              'link',
              [link]
                .flat()
                .join(', ')
                .replace(/; nonce="[^"]*"/g, ''),
            )
          res.setHeader('Vary', 'Accept-Encoding')
        }
        // The copies the cache keeps, made before sending: this reader gets one of them (a tenth of
        // the page's size), or their own page spliced from them, and nothing is compressed twice.
        const encoding = shared && !visitor ? acceptedEncoding(req) : undefined
        const copies = shared ? compressPage(body, parts, encoding === 'br') : undefined
        // The body may be shorter than what Next produced, so its length is set here.
        if (visitor && parts) {
          const page = copies?.personal ? { parts: copies.personal } : { html: personalHtml(parts, visitor) }
          endRenderedPersonal(req, res, page, visitor, callback)
        } else {
          const sent = encoding ? copies![encoding]! : body
          if (encoding) res.setHeader('Content-Encoding', encoding)
          if (copies) res.setHeader('ETag', copies.etag)
          res.removeHeader('transfer-encoding')
          res.setHeader('Content-Length', sent.length)
          res.end(sent, callback)
        }
        storing = shared
        // Applying the purges first may wait on the database; this reader need not.
        if (shared)
          setImmediate(() => {
            storePage(cache, () => purges.apply(), { url, res, body, copies, tags, startedAt }).then(
              (stored) => settle(stored),
              (error: unknown) => {
                // Not stored is only slower: the next reader renders it again.
                settle(null)
                log('error', 'storing a page failed', { url, error: String(error) })
              },
            )
          })
      },
      notFound() {
        settle(null)
        if (visitor) req.headers.cookie = cookie
        delete req.headers[slotsHeader]
        delete req.headers[fragmentsHeader]
        void answerNotFound(res, url, lookups, () => notFoundPage(req, res))
      },
      keepNotFound: notFoundPass,
    })

    await withPageTags(tags, () => handle(req, res))
  }

  /**
   * The global not-found page, the same for every URL that finds nothing: anonymous readers get it
   * from the page cache, rendered once per content generation, so that a crawler asking for
   * missing pages costs the first pass only. Signed-in readers get it rendered for them.
   */
  function notFoundPage(req: IncomingMessage, res: ServerResponse) {
    askNotFound(req)
    // Anonymous readers take the path of any reader page, now under `notFoundUrl`.
    return isAnonymous(req) ? readerPage(req, res, undefined, false) : handle(req, res)
  }

  return Object.assign(handler, { cache, flushViews: () => views.flush(), views, purges })
}
