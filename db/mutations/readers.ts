import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { createHash, randomBytes } from 'node:crypto'
import { db, transaction } from '../client'
import { comments, readingLists, savedArticles, users, userTokens } from '../schema'

export type ReaderTokenPurpose = 'password-reset' | 'email-verify' | 'sign-in'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export const defaultListName = 'Saved'
/** Shown instead of a deleted reader's name on the comments they leave behind. */
export const formerReaderName = 'Former reader'

/** Creates a reader account with its "Saved" list. Returns undefined when the e-mail is taken. */
export async function createReader(input: { name: string; email: string; passwordHash: string | null }) {
  const email = input.email.trim().toLowerCase()
  return transaction(async () => {
    const [row] = await db
      .insert(users)
      .values({ name: input.name, email, passwordHash: input.passwordHash, role: 'reader', status: 'active' })
      .onConflictDoNothing()
      .returning({ id: users.id })
    if (!row) return undefined
    await db.insert(readingLists).values({ userId: row.id, name: defaultListName, isDefault: true })
    return row.id
  })
}

/** A fresh one-time token for a user; earlier unused tokens of the same purpose stop working. */
export async function issueToken(userId: number, purpose: ReaderTokenPurpose, ttlMs: number, now = Date.now()) {
  const token = randomBytes(32).toString('base64url')
  await transaction(async () => {
    await db
      .update(userTokens)
      .set({ usedAt: new Date(now) })
      .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)))
    await db
      .insert(userTokens)
      .values({ userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now + ttlMs) })
  })
  return token
}

/** The user a live token belongs to, without using it up (a page that asks to confirm first). */
export async function peekToken(token: string, purpose: ReaderTokenPurpose, now = Date.now()) {
  const [row] = await db
    .select({ id: userTokens.id, userId: userTokens.userId })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        sql`${userTokens.expiresAt} > ${now}`,
      ),
    )
    .limit(1)
  return row
}

/** Uses up a token; returns its user id, or undefined when it is unknown, used or expired. */
export async function consumeToken(token: string, purpose: ReaderTokenPurpose, now = Date.now()) {
  return transaction(async () => {
    const row = await peekToken(token, purpose, now)
    if (!row) return undefined
    await db
      .update(userTokens)
      .set({ usedAt: new Date(now) })
      .where(eq(userTokens.id, row.id))
    return row.userId
  })
}

export async function markEmailVerified(userId: number, now = new Date()) {
  await transaction(async () => {
    await db.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId))
  })
}

/** Sets a new password and signs the account out everywhere else. */
export async function setReaderPassword(userId: number, passwordHash: string, now = new Date()) {
  await transaction(async () => {
    await db
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, userId))
  })
}

export async function renameReader(userId: number, name: string, now = new Date()) {
  await transaction(async () => {
    await db.update(users).set({ name, updatedAt: now }).where(eq(users.id, userId))
  })
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhere(userId: number) {
  await transaction(async () => {
    await db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
  })
}

/**
 * Deletes a reader account. Its comments stay, anonymised (no name, e-mail, IP or link to the
 * account); its lists and tokens go with it. Staff accounts are never deleted here.
 */
export async function deleteReader(userId: number) {
  return transaction(async () => {
    const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1)
    if (!user || user.role !== 'reader') return false
    await db
      .update(comments)
      .set({ userId: null, authorName: formerReaderName, authorEmail: null, ip: null, userAgent: null })
      .where(eq(comments.userId, userId))
    await db.delete(users).where(eq(users.id, userId))
    return true
  })
}

/** The reader's default list, created when missing (accounts made by Google sign-in or by staff). */
export async function ensureDefaultList(userId: number) {
  return transaction(async () => {
    const [existing] = await db
      .select({ id: readingLists.id })
      .from(readingLists)
      .where(and(eq(readingLists.userId, userId), eq(readingLists.isDefault, true)))
      .orderBy(asc(readingLists.id))
      .limit(1)
    if (existing) return existing.id
    const [created] = await db
      .insert(readingLists)
      .values({ userId, name: defaultListName, isDefault: true })
      .returning({ id: readingLists.id })
    return created!.id
  })
}

/** A list id only when it belongs to this user: every list write goes through this check. */
async function ownList(userId: number, listId: number) {
  const [list] = await db
    .select({ id: readingLists.id, isDefault: readingLists.isDefault })
    .from(readingLists)
    .where(and(eq(readingLists.id, listId), eq(readingLists.userId, userId)))
    .limit(1)
  return list
}

/** Saves an article to one of the user's lists (the default one when none is given). */
export async function saveToList(userId: number, articleId: number, listId?: number, now = new Date()) {
  return transaction(async () => {
    const target = listId === undefined ? await ensureDefaultList(userId) : (await ownList(userId, listId))?.id
    if (target === undefined) return false
    await db.insert(savedArticles).values({ listId: target, articleId, savedAt: now }).onConflictDoNothing()
    return true
  })
}

/** Removes an article from one of the user's lists, or from all of them when no list is given. */
export async function removeFromList(userId: number, articleId: number, listId?: number) {
  return transaction(async () => {
    const lists = await db
      .select({ id: readingLists.id })
      .from(readingLists)
      .where(
        listId === undefined
          ? eq(readingLists.userId, userId)
          : and(eq(readingLists.userId, userId), eq(readingLists.id, listId)),
      )
    if (lists.length === 0) return 0
    const removed = await db
      .delete(savedArticles)
      .where(
        and(
          eq(savedArticles.articleId, articleId),
          inArray(
            savedArticles.listId,
            lists.map((l) => l.id),
          ),
        ),
      )
      .returning({ listId: savedArticles.listId })
    return removed.length
  })
}

/** Moves an article between two of the user's lists, keeping when it was first saved. */
export async function moveToList(userId: number, articleId: number, fromListId: number, toListId: number) {
  return transaction(async () => {
    if (!(await ownList(userId, fromListId)) || !(await ownList(userId, toListId))) return false
    const [saved] = await db
      .select({ savedAt: savedArticles.savedAt })
      .from(savedArticles)
      .where(and(eq(savedArticles.listId, fromListId), eq(savedArticles.articleId, articleId)))
      .limit(1)
    if (!saved) return false
    await db
      .delete(savedArticles)
      .where(and(eq(savedArticles.listId, fromListId), eq(savedArticles.articleId, articleId)))
    await db.insert(savedArticles).values({ listId: toListId, articleId, savedAt: saved.savedAt }).onConflictDoNothing()
    return true
  })
}

export async function createList(userId: number, name: string) {
  return transaction(async () => {
    const [list] = await db.insert(readingLists).values({ userId, name }).returning({ id: readingLists.id })
    return list!.id
  })
}

export async function renameList(userId: number, listId: number, name: string) {
  return transaction(async () => {
    const renamed = await db
      .update(readingLists)
      .set({ name })
      .where(and(eq(readingLists.id, listId), eq(readingLists.userId, userId)))
      .returning({ id: readingLists.id })
    return renamed.length > 0
  })
}

/** Deletes one of the user's named lists; the default list stays. */
export async function deleteList(userId: number, listId: number) {
  return transaction(async () => {
    const deleted = await db
      .delete(readingLists)
      .where(and(eq(readingLists.id, listId), eq(readingLists.userId, userId), eq(readingLists.isDefault, false)))
      .returning({ id: readingLists.id })
    return deleted.length > 0
  })
}
