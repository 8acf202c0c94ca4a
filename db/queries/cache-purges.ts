// No 'server-only': the front server polls these outside Next.
import { asc, gt, sql } from 'drizzle-orm'
import { db, prepared } from '../client'
import { cachePurges } from '../schema'

/** The newest purge event's id, 0 when there is none: the front server starts reading after it. */
export async function lastCachePurgeId() {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${cachePurges.id}), 0)`.mapWith(Number) })
    .from(cachePurges)
  return row?.id ?? 0
}

// Run before every request the front server answers: compiled once.
const purgesAfter = prepared(() =>
  db
    .select({ id: cachePurges.id, tag: cachePurges.tag })
    .from(cachePurges)
    .where(gt(cachePurges.id, sql.placeholder('after')))
    .orderBy(asc(cachePurges.id)),
)

/** The purge events written since `afterId`, by the database's triggers in any process, oldest first. */
export async function cachePurgesAfter(afterId: number) {
  return purgesAfter.all({ after: afterId })
}
