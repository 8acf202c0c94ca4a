import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { db, transaction } from '../client'
import { affectedRows } from '../dialect'
import { cachePurges } from '../schema'

/**
 * Deletes the purge events written before `before` that a shared cache no longer needs: sent, or
 * written before `unsentBefore` (by default the same), after which no cache keeps what they purge.
 * Returns how many went.
 */
export async function pruneCachePurges(before: Date, unsentBefore = before) {
  return transaction(async () =>
    affectedRows(
      await db
        .delete(cachePurges)
        .where(
          and(
            lt(cachePurges.createdAt, before),
            or(isNotNull(cachePurges.sentAt), lt(cachePurges.createdAt, unsentBefore)),
          ),
        ),
    ),
  )
}

const due = (now: Date) =>
  and(isNull(cachePurges.sentAt), or(isNull(cachePurges.claimedUntil), lte(cachePurges.claimedUntil, now)))

export type ClaimedPurge = { id: number; tag: string; attempts: number; owedTo: string | null }

/**
 * Claims for `owner` until `until` up to `limit` purge events no server has sent to the shared
 * cache, is sending, or is waiting to retry: oldest first. One conditional UPDATE, so of servers
 * claiming at once each event goes to one (SQLite runs writers one at a time; PostgreSQL fails all
 * but one serializable transaction over the same rows, and the retry no longer finds them due).
 */
export async function claimCachePurges(owner: string, now: Date, until: Date, limit: number): Promise<ClaimedPurge[]> {
  return transaction(async () => {
    const candidates = db
      .select({ id: cachePurges.id })
      .from(cachePurges)
      .where(due(now))
      .orderBy(asc(cachePurges.id))
      .limit(limit)
    const claimed = await db
      .update(cachePurges)
      .set({ claimedBy: owner, claimedUntil: until })
      .where(and(inArray(cachePurges.id, candidates), due(now)))
      .returning({
        id: cachePurges.id,
        tag: cachePurges.tag,
        attempts: cachePurges.attempts,
        owedTo: cachePurges.owedTo,
      })
    return claimed.sort((a, b) => a.id - b.id)
  })
}

/** Whether any purge event is due to be claimed: a read, so an idle site's timer writes nothing. */
export async function hasDueCachePurges(now: Date) {
  const [row] = await db.select({ id: cachePurges.id }).from(cachePurges).where(due(now)).limit(1)
  return row !== undefined
}

/** Records events as delivered to every shared cache. */
export async function markCachePurgesSent(ids: number[], now: Date) {
  if (ids.length === 0) return
  await transaction(async () => {
    await db
      .update(cachePurges)
      .set({ sentAt: now, claimedUntil: null, owedTo: null })
      .where(and(inArray(cachePurges.id, ids), isNull(cachePurges.sentAt)))
  })
}

/**
 * Gives back events `owner` claimed but could not deliver everywhere: they are due again at
 * `retryAt`, owing only the caches named in `owedTo`. Events another server has claimed since
 * (this one's claim ran out) are left to it.
 */
export async function deferCachePurges(ids: number[], owner: string, owedTo: string, retryAt: Date) {
  if (ids.length === 0) return
  await transaction(async () => {
    await db
      .update(cachePurges)
      .set({ claimedUntil: retryAt, owedTo, attempts: sql`${cachePurges.attempts} + 1` })
      .where(and(inArray(cachePurges.id, ids), isNull(cachePurges.sentAt), eq(cachePurges.claimedBy, owner)))
  })
}
