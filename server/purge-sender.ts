import {
  type ClaimedPurge,
  claimCachePurges,
  deferCachePurges,
  hasDueCachePurges,
  markCachePurgesSent,
} from '@/db/mutations/cache-purges'
import { instance } from '@/lib/instance'
import { log } from '@/lib/log'
import { purgeBatches, purgeRetryMs, purgeTargetName } from '@/lib/shared-cache'
import { writeFailureOf } from '@/lib/write-failure'

/** A shared cache that can drop what carries some tags: Varnish here; a CDN's API would be another. */
export type PurgeTarget = {
  /** Stored with events it is still owed and written in logs: no credentials. */
  name: string
  /** Resolves once the cache has acknowledged dropping `tags` (header tokens, see headerTag). */
  send(tags: string[]): Promise<void>
}

/**
 * Varnish with the xkey vmod (docs/varnish/gazette.vcl): `PURGE` with the tags in one
 * `xkey-purge` header. A user name and password in the URL go as Basic authentication, for a
 * purge endpoint behind a proxy that asks for it.
 */
export function varnishTarget(url: string, timeoutMs = 5000): PurgeTarget {
  const target = new URL(url)
  const authorization =
    target.username || target.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`
      : undefined
  target.username = ''
  target.password = ''
  return {
    name: purgeTargetName(url),
    async send(tags) {
      const response = await fetch(target, {
        method: 'PURGE',
        headers: { 'xkey-purge': tags.join(' '), ...(authorization ? { authorization } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      })
      await response.arrayBuffer()
      if (!response.ok) throw new Error(`answered ${response.status}`)
    },
  }
}

const owes = (purge: ClaimedPurge, target: PurgeTarget) =>
  purge.owedTo === null || purge.owedTo.split(' ').includes(target.name)

/**
 * Sends the purge events the database triggers write (cache_purges) to the shared caches in front
 * of every host, each once, whichever server notices it first: a server claims a batch of events in
 * the database (claimCachePurges) before sending, so the others skip them. A cache that cannot be
 * reached keeps its events in the database, owed to it alone and claimed until the next attempt,
 * later after each failure (purgeRetryMs): nothing is held in memory while it is away, and
 * nothing is dropped until no cache can still keep the pages they purge.
 */
export class PurgeSender {
  private running: Promise<void> | undefined
  private again = false
  private retry: NodeJS.Timeout | undefined
  private failing = new Set<string>()

  constructor(
    private targets: PurgeTarget[],
    private options: { owner?: string; batch?: number; claimMs?: number; headerBytes?: number } = {},
  ) {}

  private get owner() {
    return this.options.owner ?? instance.owner
  }

  /**
   * Sends what is due now. A call made while a run is under way gets one more run after it (the
   * events it was told of may have come after that run's claim), and waits for that too.
   */
  kick() {
    if (this.targets.length === 0) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.again = false
        await this.run()
      } while (this.again)
    })().finally(() => (this.running = undefined))
    return this.running
  }

  /** For a timer: sends only when something is due, so an idle site's tick is one read. */
  async tick() {
    if (this.targets.length === 0 || this.running) return
    try {
      if (await hasDueCachePurges(new Date())) await this.kick()
    } catch (error) {
      log('error', 'reading cache purges to send failed', { error: String(error) })
    }
  }

  private async run() {
    const batch = this.options.batch ?? 200
    try {
      for (;;) {
        const now = Date.now()
        const claimed = await claimCachePurges(
          this.owner,
          new Date(now),
          new Date(now + (this.options.claimMs ?? 30_000)),
          batch,
        )
        if (claimed.length === 0) return
        const delivered = await this.deliver(claimed)
        // A cache that is away fails the next batch too: its backoff decides when to try again.
        if (!delivered || claimed.length < batch) return
      }
    } catch (error) {
      // The claim or its record could not be written: the events stay due, for this or another server.
      const failure = writeFailureOf(error)
      log(failure ? 'warn' : 'error', 'claiming cache purges failed', { error: failure ?? String(error) })
    }
  }

  private async deliver(claimed: ClaimedPurge[]) {
    const failed = new Set<string>()
    await Promise.all(
      this.targets.map(async (target) => {
        const owed = claimed.filter((purge) => owes(purge, target))
        if (owed.length === 0) return
        try {
          for (const tags of purgeBatches(
            owed.map((purge) => purge.tag),
            this.options.headerBytes,
          ))
            await target.send(tags)
          if (this.failing.delete(target.name)) log('info', 'sending cache purges again', { cache: target.name })
        } catch (error) {
          failed.add(target.name)
          // One line per cache and outage, not one per attempt.
          if (!this.failing.has(target.name))
            log('error', 'sending cache purges failed', { cache: target.name, error: String(error) })
          this.failing.add(target.name)
        }
      }),
    )
    const now = Date.now()
    const sent: number[] = []
    const deferred = new Map<string, { ids: number[]; attempts: number }>()
    for (const purge of claimed) {
      const owedTo = this.targets
        .filter((target) => failed.has(target.name) && owes(purge, target))
        .map((target) => target.name)
        .join(' ')
      if (owedTo === '') sent.push(purge.id)
      else {
        const group = deferred.get(owedTo) ?? { ids: [], attempts: 0 }
        group.ids.push(purge.id)
        group.attempts = Math.max(group.attempts, purge.attempts + 1)
        deferred.set(owedTo, group)
      }
    }
    await markCachePurgesSent(sent, new Date(now))
    let soonest = Infinity
    for (const [owedTo, { ids, attempts }] of deferred) {
      const wait = purgeRetryMs(attempts)
      soonest = Math.min(soonest, wait)
      await deferCachePurges(ids, this.owner, owedTo, new Date(now + wait))
    }
    if (soonest < Infinity) this.retryIn(soonest)
    return deferred.size === 0
  }

  private retryIn(ms: number) {
    clearTimeout(this.retry)
    this.retry = setTimeout(() => void this.kick(), ms + 50).unref()
  }

  stop() {
    clearTimeout(this.retry)
    return this.running
  }
}
