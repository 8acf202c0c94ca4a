import { createHash } from 'node:crypto'

type Built = { version: string; body: Buffer; etag: string; lastModified: Date; missing: boolean }
type Doc = { body: string | Buffer; lastModified: Date } | null

// Shared through globalThis: each route handler bundle may load its own copy of this module.
const g = globalThis as unknown as {
  gazetteBuiltDocs?: { entries: Map<string, Built>; pending: Map<string, Promise<Built>>; bytes: number }
}
const store = (g.gazetteBuiltDocs ??= { entries: new Map(), pending: new Map(), bytes: 0 })
const maxBytes = 48 * 1024 * 1024
// 404s weigh nothing but still count: made-up sitemap names must not grow the map without end.
const maxEntries = 2000

function remember(key: string, built: Built) {
  const old = store.entries.get(key)
  if (old) {
    store.entries.delete(key)
    store.bytes -= old.body.length
  }
  store.entries.set(key, built)
  store.bytes += built.body.length
  for (const [oldest, entry] of store.entries) {
    if (store.bytes <= maxBytes && store.entries.size <= maxEntries) break
    store.entries.delete(oldest)
    store.bytes -= entry.body.length
  }
}

function notModified(request: Request, built: Built) {
  const ifNoneMatch = request.headers.get('if-none-match')
  if (ifNoneMatch !== null) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''))
    return tags.includes('*') || tags.includes(built.etag)
  }
  const since = Date.parse(request.headers.get('if-modified-since') ?? '')
  return !Number.isNaN(since) && Math.floor(built.lastModified.getTime() / 1000) * 1000 <= since
}

async function buildOnce(key: string, version: string, build: () => Doc | Promise<Doc>) {
  const cached = store.entries.get(key)
  if (cached?.version === version) return cached
  const pendingKey = `${key}\n${version}`
  let pending = store.pending.get(pendingKey)
  if (!pending) {
    pending = (async () => {
      const doc = await build()
      const body = doc === null ? Buffer.alloc(0) : typeof doc.body === 'string' ? Buffer.from(doc.body) : doc.body
      const built: Built = {
        version,
        body,
        etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
        lastModified: doc?.lastModified ?? new Date(0),
        missing: doc === null,
      }
      remember(key, built)
      return built
    })().finally(() => store.pending.delete(pendingKey))
    store.pending.set(pendingKey, pending)
  }
  return pending
}

/**
 * A generated document (feed, sitemap, robots.txt, share image) rebuilt only when `version`
 * changes: the body is kept in memory per path and answered with an ETag (a hash of the body) and
 * Last-Modified, so a conditional GET gets a 304 without any rebuilding. Not compressed: Next drops a
 * route handler's Content-Encoding header (next/dist/server/send-response.js), so a proxy in front must.
 * `version` must change whenever the document may have (see getContentVersion in db/queries/content-version.ts).
 */
export async function documentResponse(
  request: Request,
  options: {
    version: string
    contentType: string
    /** Seconds a browser or proxy may reuse the response without asking again. */
    maxAge: number
    /** null when there is no such document: a 404, remembered like a document until the version changes. */
    build: () => Doc | Promise<Doc>
  },
) {
  const key = new URL(request.url).pathname
  const built = await buildOnce(key, options.version, options.build)
  if (built.missing) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  const headers: Record<string, string> = {
    'Cache-Control': `public, max-age=${options.maxAge}`,
    ETag: built.etag,
    'Last-Modified': built.lastModified.toUTCString(),
  }
  if (notModified(request, built)) return new Response(null, { status: 304, headers })
  return new Response(new Uint8Array(built.body), { headers: { ...headers, 'Content-Type': options.contentType } })
}
