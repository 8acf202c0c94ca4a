// No 'server-only': the front server polls these outside Next.
import { asc, gt, sql } from 'drizzle-orm'
import { db, prepared } from '../client'
import { cachePurges } from '../schema'

/** The newest purge event's id, 0 when there is none: the front server starts reading after it. */
export async function lastCachePurgeId() {
  return db
    .select({ id: sql<number>`coalesce(max(${cachePurges.id}), 0)` })
    .from(cachePurges)
    .get()!.id
}

// Run before every request the front server answers: compiled once.
const purgesAfter = prepared(() =>
  db
    .select({ id: cachePurges.id, tag: cachePurges.tag })
    .from(cachePurges)
    .where(gt(cachePurges.id, sql.placeholder('after')))
    .orderBy(asc(cachePurges.id))
    .prepare(),
)

/** The purge events written since `afterId`, by SQLite triggers in any process, oldest first. */
export async function cachePurgesAfter(afterId: number) {
  return purgesAfter().all({ after: afterId })
}
