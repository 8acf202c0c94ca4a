import { AsyncLocalStorage } from 'node:async_hooks'
import { brotliCompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { anonymousGzip, partsBytes, type PersonalParts, prepareParts, type Slot } from './reader-slots'
import { ownSize } from './spliced-gzip'

// Shared through globalThis: Next's bundles and the HTTP server load separate copies of this module.
const g = globalThis as unknown as { gazettePageTags?: AsyncLocalStorage<Set<string>> }
const requestTags = (g.gazettePageTags ??= new AsyncLocalStorage<Set<string>>())

/**
 * Declares what a reader page shows, so the page cache can drop it when that changes. A page
 * that declares nothing is never cached. Tags: 'layout', 'list', 'recent-comments',
 * 'article:<id>', 'comments:<article id>' (see drizzle/0004_cache_purge_triggers.sql).
 */
export function tagPage(...tags: string[]) {
  const store = requestTags.getStore()
  if (store) for (const t of tags) store.add(t)
}

export function withPageTags<T>(tags: Set<string>, fn: () => T) {
  return requestTags.run(tags, fn)
}

/** The page cache budget of a site: one process's, or the whole group's. */
export const pageCacheBytes = 48 * 1024 * 1024

/**
 * A page as the cache keeps it, compressed only. The gzip copy is always made: signed-in readers'
 * pages are spliced from the same runs, and Varnish asks for nothing else. The brotli copy is made
 * when a client first takes brotli: behind Varnish none does, and a page crawled once never needs it.
 */
export type PageCopies = {
  gzip: Buffer
  br?: Buffer
  etag: string
  /** The page cut at its reader slots, for signed-in readers (lib/reader-slots.ts). */
  personal?: PersonalParts
}

export type CachedPage = PageCopies & {
  key: string
  status: number
  headers: Record<string, string>
  tags: Set<string>
}

const brotliOf = (body: Buffer) => ownSize(brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }))

/** Compresses a rendered page for the cache; `withBrotli` when the reader who asked takes brotli. */
export function compressPage(body: Buffer, parts?: (string | Slot)[], withBrotli = false): PageCopies {
  const personal = parts && parts.length > 1 ? prepareParts(parts) : undefined
  return {
    gzip: personal ? anonymousGzip(personal) : ownSize(gzipSync(body, { level: 6 })),
    ...(withBrotli ? { br: brotliOf(body) } : {}),
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    ...(personal ? { personal } : {}),
  }
}

const entryBytes = (entry: CachedPage) =>
  entry.gzip.length + (entry.br?.length ?? 0) + (entry.personal ? partsBytes(entry.personal) : 0)

/** Pages are kept compressed only (a tenth of their size); the rare client without gzip gets this. */
export function identityBody(page: CachedPage) {
  return gunzipSync(page.gzip)
}

/**
 * Full-page cache of anonymous reader pages, in memory, purged by tag. Entries are evicted
 * oldest-first past the byte budget, which counts compressed bytes: 48 MB holds well over a
 * thousand pages and keeps the server's memory within a small host's means. Each worker of a group
 * keeps its own, with a share of that budget (`pageCacheBytes`).
 */
export class PageCache {
  private entries = new Map<string, CachedPage>()
  private byTag = new Map<string, Set<string>>()
  private bytes = 0
  /** Bumped by every purge: a render that started before one must not be stored after it. */
  generation = 0

  constructor(private maxBytes = pageCacheBytes) {}

  get(key: string) {
    return this.entries.get(key)
  }

  get size() {
    return this.entries.size
  }

  /** Stores a page: its `copies` when the response already made them, else compressed here. */
  set(
    key: string,
    {
      body,
      parts,
      copies,
      ...page
    }: Pick<CachedPage, 'status' | 'headers' | 'tags'> & {
      body: Buffer
      parts?: (string | Slot)[]
      copies?: PageCopies
    },
    startedAtGeneration: number,
  ) {
    if (startedAtGeneration !== this.generation) return
    this.delete(key)
    const entry: CachedPage = { key, ...page, ...(copies ?? compressPage(body, parts)) }
    this.entries.set(key, entry)
    this.bytes += entryBytes(entry)
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag)
      if (!keys) this.byTag.set(tag, (keys = new Set()))
      keys.add(key)
    }
    this.evict()
  }

  /** The page's brotli copy, made the first time a client takes brotli, then kept with it. */
  brotli(page: CachedPage) {
    if (page.br) return page.br
    const br = (page.br = brotliOf(identityBody(page)))
    if (this.entries.get(page.key) === page) {
      this.bytes += br.length
      this.evict()
    }
    return br
  }

  private evict() {
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.delete(oldest)
    }
  }

  purge(tags: Iterable<string>) {
    this.generation++
    for (const tag of tags) {
      if (tag === 'layout') return this.clear()
      for (const key of this.byTag.get(tag) ?? []) this.delete(key)
    }
  }

  clear() {
    this.generation++
    this.entries.clear()
    this.byTag.clear()
    this.bytes = 0
  }

  private delete(key: string) {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.bytes -= entryBytes(entry)
    for (const tag of entry.tags) this.byTag.get(tag)?.delete(key)
  }
}
