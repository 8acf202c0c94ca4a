import { and, eq } from 'drizzle-orm'
import { db, transaction } from '../client'
import {
  type DigestSendStatus,
  categories,
  digestSections,
  digestSends,
  digestSubscriptions,
  digestTags,
  tags,
} from '../schema'

export type DigestPreferences = {
  frequency: 'off' | 'daily' | 'twice-weekly' | 'weekly'
  hour: number
  timezone: string
  sectionIds: number[]
  tagIds: number[]
}

/** Stores a reader's digest choices in one transaction; unknown section or tag ids are ignored. */
export async function saveDigestPreferences(userId: number, prefs: DigestPreferences, now = new Date()) {
  await transaction(async () => {
    await db
      .insert(digestSubscriptions)
      .values({
        userId,
        frequency: prefs.frequency,
        hour: prefs.hour,
        timezone: prefs.timezone,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: digestSubscriptions.userId,
        set: { frequency: prefs.frequency, hour: prefs.hour, timezone: prefs.timezone, updatedAt: now },
      })
    await db.delete(digestSections).where(eq(digestSections.userId, userId))
    await db.delete(digestTags).where(eq(digestTags.userId, userId))
    for (const id of new Set(prefs.sectionIds))
      if ((await db.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).limit(1)).length)
        await db.insert(digestSections).values({ userId, categoryId: id })
    for (const id of new Set(prefs.tagIds))
      if ((await db.select({ id: tags.id }).from(tags).where(eq(tags.id, id)).limit(1)).length)
        await db.insert(digestTags).values({ userId, tagId: id })
  })
}

/** Turns a reader's digest off, keeping what they follow for when they come back. */
export async function unsubscribeDigest(userId: number, now = new Date()) {
  return transaction(async () => {
    const changed = await db
      .update(digestSubscriptions)
      .set({ frequency: 'off', updatedAt: now })
      .where(eq(digestSubscriptions.userId, userId))
      .returning({ userId: digestSubscriptions.userId })
    return changed.length > 0
  })
}

/**
 * Claims the reader's digest of this date before anything is sent. False when a row exists already,
 * sent or not: a run that died between sending and recording leaves 'sending', and that digest is
 * never sent again (at most once, never twice).
 */
export async function claimDigestSend(row: {
  userId: number
  slot: string
  email: string
  articleIds: number[]
  windowEnd: Date
  now?: Date
}) {
  const status: DigestSendStatus = row.articleIds.length ? 'sending' : 'empty'
  return transaction(async () => {
    const [inserted] = await db
      .insert(digestSends)
      .values({
        userId: row.userId,
        slot: row.slot,
        email: row.email,
        articleIds: row.articleIds,
        windowEnd: row.windowEnd,
        status,
        createdAt: row.now ?? new Date(),
        finishedAt: status === 'empty' ? (row.now ?? new Date()) : null,
      })
      .onConflictDoNothing()
      .returning({ id: digestSends.id })
    return inserted?.id
  })
}

/** Records how a claimed send ended; a sent digest moves the reader's window on. */
export async function finishDigestSend(
  id: number,
  result: { status: 'sent' | 'failed' | 'bounced'; messageId?: string; error?: string },
  now = new Date(),
) {
  await transaction(async () => {
    const [row] = await db
      .update(digestSends)
      .set({ status: result.status, messageId: result.messageId ?? null, error: result.error ?? null, finishedAt: now })
      .where(and(eq(digestSends.id, id), eq(digestSends.status, 'sending')))
      .returning({ userId: digestSends.userId, windowEnd: digestSends.windowEnd })
    if (row && result.status === 'sent')
      await db
        .update(digestSubscriptions)
        .set({ coveredUntil: row.windowEnd })
        .where(eq(digestSubscriptions.userId, row.userId))
  })
}
