import { pruneCachePurges } from '@/db/mutations/cache-purges'
import { dataVersion } from '@/db/client'
import { cachePurgesAfter, lastCachePurgeId } from '@/db/queries/cache-purges'
import { noteContentVersion } from '@/db/queries/content-version'
import { log } from '@/lib/log'
import type { PageCache } from '@/lib/page-cache'
import { tryWrite } from '@/lib/write-failure'

/**
 * Drops cached pages when the content they show changes. Purge events are rows that SQLite
 * triggers write (drizzle/0004_cache_purge_triggers.sql), so writes from any process count; they
 * are read before every request and before every store.
 */
export class PurgePoller {
  private lastId: number | undefined
  private reading: Promise<number> | undefined
  private waiting: ((failure?: unknown, version?: number) => void)[] = []
  private failing = false
  /** The data version under which the newest successful poll began (SQLite only). */
  private readAt: number | undefined
  /** How many polls ran: under load, far fewer than the requests they served. */
  polls = 0
  /** Called when a poll finds new events: the shared cache's purges go out from here too. */
  onPurges: () => void = () => {}

  constructor(private cache: PageCache) {
    // Read at start so the first request need not wait. If the database is away then, the first
    // poll after it is back reads it: a failed start must not leave the cache unusable until a restart.
    this.startId().catch(() => {})
  }

  private startId() {
    this.reading ??= lastCachePurgeId().finally(() => (this.reading = undefined))
    return this.reading
  }

  /**
   * Calls `callback` once every purge committed before this call is applied. Calls made in the
   * same turn of the event loop share one poll, started after all of them have arrived: under load
   * that is one query for many requests instead of one each, and none of them can miss a purge
   * committed before it arrived. A callback, not a promise, so that a cached page is answered
   * without allocating one. If the database cannot be read, the callback gets the error.
   *
   * On SQLite the callback also gets the data version read after the call: while it stays the
   * same, nothing has been committed since, so what was read under it still holds.
   */
  afterApplied(callback: (failure?: unknown, version?: number) => void) {
    // On SQLite any commit moves the data version: while it has not moved since a poll began, that
    // poll read every purge there is, and the request is answered at once. Waiting for the next
    // turn of the event loop kept each request's objects alive long enough for V8 to promote them
    // to its old generation: under load, hundreds of megabytes between full collections.
    const version = this.readAt === undefined ? undefined : dataVersion()
    if (version !== undefined && version === this.readAt) return callback(undefined, version)
    this.waiting.push(callback)
    if (this.waiting.length === 1) setImmediate(() => this.run())
  }

  /** `afterApplied` as a promise, rejected when the purges could not be read. */
  apply() {
    return new Promise<void>((resolve, reject) =>
      this.afterApplied((failure) => (failure === undefined ? resolve() : reject(failure))),
    )
  }

  private run() {
    const callbacks = this.waiting
    this.waiting = []
    this.polls++
    // Read before the poll: a commit while it runs moves the version on, and the next call polls.
    const version = dataVersion()
    this.poll().then(
      () => {
        // Polls can overlap: the newest version a finished poll began under is the one that holds.
        if (version !== undefined && (this.readAt === undefined || version > this.readAt)) this.readAt = version
        if (this.failing) log('info', 'reading cache purges again', {})
        this.failing = false
        for (const callback of callbacks) callback(undefined, version)
      },
      (error: unknown) => {
        this.readAt = undefined
        if (!this.failing) log('error', 'reading cache purges failed', { error: String(error) })
        this.failing = true
        for (const callback of callbacks) callback(error)
      },
    )
  }

  private async poll() {
    this.lastId ??= await this.startId()
    const rows = await cachePurgesAfter(this.lastId!)
    // Polls can overlap: rows another one applied meanwhile are not applied twice.
    const fresh = rows.filter((r) => r.id > this.lastId!)
    if (fresh.length > 0) {
      this.lastId = fresh.at(-1)!.id
      this.cache.purge(new Set(fresh.map((r) => r.tag)))
      this.onPurges()
    }
    noteContentVersion(this.lastId!)
  }

  /**
   * Events older than an hour have been read by every running server. One not yet sent to a
   * shared cache is kept for `keepUnsentMs`, as long as such a cache may keep a page.
   */
  prune(keepUnsentMs = 0) {
    const hour = 60 * 60 * 1000
    return tryWrite(
      'cache purge pruning',
      () => pruneCachePurges(new Date(Date.now() - hour), new Date(Date.now() - Math.max(hour, keepUnsentMs))),
      (changes) => changes > 0,
    )
  }
}
