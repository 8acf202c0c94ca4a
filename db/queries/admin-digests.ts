import 'server-only'
import { and, asc, count, desc, eq, gte } from 'drizzle-orm'
import { db } from '../client'
import { jsonArrayLength } from '../dialect'
import { digestSends, digestSubscriptions, users } from '../schema'

/** Send counts by status since `since`, subscribers by frequency, and the latest sends. */
export async function getDigestStatsAdmin(since: Date) {
  const byStatus = await db
    .select({ status: digestSends.status, n: count() })
    .from(digestSends)
    .where(gte(digestSends.createdAt, since))
    .groupBy(digestSends.status)
  const byFrequency = await db
    .select({ frequency: digestSubscriptions.frequency, n: count() })
    .from(digestSubscriptions)
    .groupBy(digestSubscriptions.frequency)
  const recent = await db
    .select({
      id: digestSends.id,
      userId: digestSends.userId,
      name: users.name,
      email: digestSends.email,
      slot: digestSends.slot,
      status: digestSends.status,
      stories: jsonArrayLength(digestSends.articleIds),
      error: digestSends.error,
      createdAt: digestSends.createdAt,
    })
    .from(digestSends)
    .innerJoin(users, eq(users.id, digestSends.userId))
    .orderBy(desc(digestSends.id))
    .limit(50)
  return { byStatus, byFrequency, recent }
}

/** Everyone who has chosen a digest, for the preview picker. */
export async function listDigestSubscribersAdmin() {
  return await db
    .select({
      userId: digestSubscriptions.userId,
      name: users.name,
      email: users.email,
      frequency: digestSubscriptions.frequency,
      hour: digestSubscriptions.hour,
      timezone: digestSubscriptions.timezone,
      coveredUntil: digestSubscriptions.coveredUntil,
    })
    .from(digestSubscriptions)
    .innerJoin(users, eq(users.id, digestSubscriptions.userId))
    .where(and(eq(users.status, 'active')))
    .orderBy(asc(users.name))
}
