import { and, eq } from 'drizzle-orm'
import type { Executor } from '../client'
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
export function saveDigestPreferences(db: Executor, userId: number, prefs: DigestPreferences, now = new Date()) {
  db.transaction((tx) => {
    tx.insert(digestSubscriptions)
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
      .run()
    tx.delete(digestSections).where(eq(digestSections.userId, userId)).run()
    tx.delete(digestTags).where(eq(digestTags.userId, userId)).run()
    for (const id of new Set(prefs.sectionIds))
      if (tx.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).get())
        tx.insert(digestSections).values({ userId, categoryId: id }).run()
    for (const id of new Set(prefs.tagIds))
      if (tx.select({ id: tags.id }).from(tags).where(eq(tags.id, id)).get())
        tx.insert(digestTags).values({ userId, tagId: id }).run()
  })
}

/** Turns a reader's digest off, keeping what they follow for when they come back. */
export function unsubscribeDigest(db: Executor, userId: number, now = new Date()) {
  return (
    db
      .update(digestSubscriptions)
      .set({ frequency: 'off', updatedAt: now })
      .where(eq(digestSubscriptions.userId, userId))
      .run().changes > 0
  )
}

/**
 * Claims the reader's digest of this date before anything is sent. False when a row exists already,
 * sent or not: a run that died between sending and recording leaves 'sending', and that digest is
 * never sent again (at most once, never twice).
 */
export function claimDigestSend(
  db: Executor,
  row: { userId: number; slot: string; email: string; articleIds: number[]; windowEnd: Date; now?: Date },
) {
  const status: DigestSendStatus = row.articleIds.length ? 'sending' : 'empty'
  const inserted = db
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
    .get()
  return inserted?.id
}

/** Records how a claimed send ended; a sent digest moves the reader's window on. */
export function finishDigestSend(
  db: Executor,
  id: number,
  result: { status: 'sent' | 'failed' | 'bounced'; messageId?: string; error?: string },
  now = new Date(),
) {
  db.transaction((tx) => {
    const row = tx
      .update(digestSends)
      .set({ status: result.status, messageId: result.messageId ?? null, error: result.error ?? null, finishedAt: now })
      .where(and(eq(digestSends.id, id), eq(digestSends.status, 'sending')))
      .returning({ userId: digestSends.userId, windowEnd: digestSends.windowEnd })
      .get()
    if (row && result.status === 'sent')
      tx.update(digestSubscriptions)
        .set({ coveredUntil: row.windowEnd })
        .where(eq(digestSubscriptions.userId, row.userId))
        .run()
  })
}
