import { pruneCachePurges } from '@/db/mutations/cache-purges'
import { cachePurgesAfter, lastCachePurgeId } from '@/db/queries/cache-purges'
import type { PageCache } from '@/lib/page-cache'
import { tryWrite } from '@/lib/write-failure'

/**
 * Drops cached pages when the content they show changes. Purge events are rows that SQLite
 * triggers write (drizzle/0004_cache_purge_triggers.sql), so writes from any process count; they
 * are read before every request and before every store.
 */
export class PurgePoller {
  private lastId: number | undefined
  private ready: Promise<void>
  private next: Promise<void> | undefined

  constructor(private cache: PageCache) {
    this.ready = lastCachePurgeId().then((id) => void (this.lastId = id))
  }

  /**
   * Resolves once every purge committed before the call is applied. Requests that arrive in the
   * same turn of the event loop share one poll, started after all of them have arrived: under load
   * that is one query for many requests instead of one each, and none of them can miss a purge
   * committed before it arrived.
   */
  apply(): Promise<void> {
    this.next ??= new Promise((resolve, reject) =>
      setImmediate(() => {
        this.next = undefined
        this.poll().then(resolve, reject)
      }),
    )
    return this.next
  }

  private async poll() {
    if (this.lastId === undefined) await this.ready
    const rows = await cachePurgesAfter(this.lastId!)
    // Polls can overlap: rows another one applied meanwhile are not applied twice.
    const fresh = rows.filter((r) => r.id > this.lastId!)
    if (fresh.length === 0) return
    this.lastId = fresh.at(-1)!.id
    this.cache.purge(new Set(fresh.map((r) => r.tag)))
  }

  /** Events older than an hour have been read by every running server. */
  prune() {
    return tryWrite(
      'cache purge pruning',
      () => pruneCachePurges(new Date(Date.now() - 60 * 60 * 1000)),
      (changes) => changes > 0,
    )
  }
}
