import { sql } from 'drizzle-orm'
import { db, transaction } from '../client'
import { rateLimits } from '../schema'

export type Limit = { key: string; max: number; windowMs: number }
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number }

/**
 * Counts one attempt against every given limit (fixed windows) in one transaction, and says
 * whether all of them still allow it. Attempts over a limit are counted too, so hammering a
 * closed window does not reopen it sooner.
 */
export async function hitRateLimits(limits: Limit[], now = Date.now()): Promise<LimitResult> {
  return transaction(async () => {
    let retryAfter = 0
    for (const limit of limits) {
      const row = (
        await db
          .insert(rateLimits)
          .values({ key: limit.key, windowStart: now, count: 1 })
          .onConflictDoUpdate({
            target: rateLimits.key,
            set: {
              count: sql`CASE WHEN ${rateLimits.windowStart} <= ${now - limit.windowMs} THEN 1 ELSE ${rateLimits.count} + 1 END`,
              windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${now - limit.windowMs} THEN ${now} ELSE ${rateLimits.windowStart} END`,
            },
          })
          .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart })
      )[0]!
      if (row.count > limit.max)
        retryAfter = Math.max(retryAfter, Math.ceil((row.windowStart + limit.windowMs - now) / 1000))
    }
    return retryAfter > 0 ? { ok: false, retryAfterSeconds: retryAfter } : { ok: true }
  })
}

/** Drops counters whose window ended long ago; called now and then so the table stays small. */
export async function pruneRateLimits(olderThan: number) {
  await transaction(async () => {
    await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${olderThan}`)
  })
}
