import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { createHash, randomBytes } from 'node:crypto'
import type { Executor } from '../client'
import { comments, readingLists, savedArticles, users, userTokens } from '../schema'

export type ReaderTokenPurpose = 'password-reset' | 'email-verify' | 'sign-in'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export const defaultListName = 'Saved'
/** Shown instead of a deleted reader's name on the comments they leave behind. */
export const formerReaderName = 'Former reader'

/** Creates a reader account with its "Saved" list. Returns undefined when the e-mail is taken. */
export function createReader(db: Executor, input: { name: string; email: string; passwordHash: string | null }) {
  const email = input.email.trim().toLowerCase()
  return db.transaction((tx) => {
    const row = tx
      .insert(users)
      .values({ name: input.name, email, passwordHash: input.passwordHash, role: 'reader', status: 'active' })
      .onConflictDoNothing()
      .returning({ id: users.id })
      .get()
    if (!row) return undefined
    tx.insert(readingLists).values({ userId: row.id, name: defaultListName, isDefault: true }).run()
    return row.id
  })
}

/** A fresh one-time token for a user; earlier unused tokens of the same purpose stop working. */
export function issueToken(db: Executor, userId: number, purpose: ReaderTokenPurpose, ttlMs: number, now = Date.now()) {
  const token = randomBytes(32).toString('base64url')
  db.transaction((tx) => {
    tx.update(userTokens)
      .set({ usedAt: new Date(now) })
      .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)))
      .run()
    tx.insert(userTokens)
      .values({ userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now + ttlMs) })
      .run()
  })
  return token
}

/** The user a live token belongs to, without using it up (a page that asks to confirm first). */
export function peekToken(db: Executor, token: string, purpose: ReaderTokenPurpose, now = Date.now()) {
  return db
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
    .get()
}

/** Uses up a token; returns its user id, or undefined when it is unknown, used or expired. */
export function consumeToken(db: Executor, token: string, purpose: ReaderTokenPurpose, now = Date.now()) {
  return db.transaction((tx) => {
    const row = peekToken(tx, token, purpose, now)
    if (!row) return undefined
    tx.update(userTokens)
      .set({ usedAt: new Date(now) })
      .where(eq(userTokens.id, row.id))
      .run()
    return row.userId
  })
}

export function markEmailVerified(db: Executor, userId: number, now = new Date()) {
  db.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId)).run()
}

/** Sets a new password and signs the account out everywhere else. */
export function setReaderPassword(db: Executor, userId: number, passwordHash: string, now = new Date()) {
  db.update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
    .where(eq(users.id, userId))
    .run()
}

export function renameReader(db: Executor, userId: number, name: string, now = new Date()) {
  db.update(users).set({ name, updatedAt: now }).where(eq(users.id, userId)).run()
}

/** Ends every session of the account, this one included. */
export function signOutEverywhere(db: Executor, userId: number) {
  db.update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .run()
}

/**
 * Deletes a reader account. Its comments stay, anonymised (no name, e-mail, IP or link to the
 * account); its lists and tokens go with it. Staff accounts are never deleted here.
 */
export function deleteReader(db: Executor, userId: number) {
  return db.transaction((tx) => {
    const user = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get()
    if (!user || user.role !== 'reader') return false
    tx.update(comments)
      .set({ userId: null, authorName: formerReaderName, authorEmail: null, ip: null, userAgent: null })
      .where(eq(comments.userId, userId))
      .run()
    tx.delete(users).where(eq(users.id, userId)).run()
    return true
  })
}

/** The reader's default list, created when missing (accounts made by Google sign-in or by staff). */
export function ensureDefaultList(db: Executor, userId: number) {
  const existing = db
    .select({ id: readingLists.id })
    .from(readingLists)
    .where(and(eq(readingLists.userId, userId), eq(readingLists.isDefault, true)))
    .orderBy(asc(readingLists.id))
    .get()
  if (existing) return existing.id
  return db
    .insert(readingLists)
    .values({ userId, name: defaultListName, isDefault: true })
    .returning({ id: readingLists.id })
    .get().id
}

/** A list id only when it belongs to this user: every list write goes through this check. */
function ownList(db: Executor, userId: number, listId: number) {
  return db
    .select({ id: readingLists.id, isDefault: readingLists.isDefault })
    .from(readingLists)
    .where(and(eq(readingLists.id, listId), eq(readingLists.userId, userId)))
    .get()
}

/** Saves an article to one of the user's lists (the default one when none is given). */
export function saveToList(db: Executor, userId: number, articleId: number, listId?: number, now = new Date()) {
  return db.transaction((tx) => {
    const target = listId === undefined ? ensureDefaultList(tx, userId) : ownList(tx, userId, listId)?.id
    if (target === undefined) return false
    tx.insert(savedArticles).values({ listId: target, articleId, savedAt: now }).onConflictDoNothing().run()
    return true
  })
}

/** Removes an article from one of the user's lists, or from all of them when no list is given. */
export function removeFromList(db: Executor, userId: number, articleId: number, listId?: number) {
  const lists = db
    .select({ id: readingLists.id })
    .from(readingLists)
    .where(
      listId === undefined
        ? eq(readingLists.userId, userId)
        : and(eq(readingLists.userId, userId), eq(readingLists.id, listId)),
    )
    .all()
    .map((l) => l.id)
  if (lists.length === 0) return 0
  return db
    .delete(savedArticles)
    .where(and(eq(savedArticles.articleId, articleId), inArray(savedArticles.listId, lists)))
    .run().changes
}

/** Moves an article between two of the user's lists, keeping when it was first saved. */
export function moveToList(db: Executor, userId: number, articleId: number, fromListId: number, toListId: number) {
  return db.transaction((tx) => {
    if (!ownList(tx, userId, fromListId) || !ownList(tx, userId, toListId)) return false
    const saved = tx
      .select({ savedAt: savedArticles.savedAt })
      .from(savedArticles)
      .where(and(eq(savedArticles.listId, fromListId), eq(savedArticles.articleId, articleId)))
      .get()
    if (!saved) return false
    tx.delete(savedArticles)
      .where(and(eq(savedArticles.listId, fromListId), eq(savedArticles.articleId, articleId)))
      .run()
    tx.insert(savedArticles).values({ listId: toListId, articleId, savedAt: saved.savedAt }).onConflictDoNothing().run()
    return true
  })
}

export function createList(db: Executor, userId: number, name: string) {
  return db.insert(readingLists).values({ userId, name }).returning({ id: readingLists.id }).get().id
}

export function renameList(db: Executor, userId: number, listId: number, name: string) {
  return (
    db
      .update(readingLists)
      .set({ name })
      .where(and(eq(readingLists.id, listId), eq(readingLists.userId, userId)))
      .run().changes > 0
  )
}

/** Deletes one of the user's named lists; the default list stays. */
export function deleteList(db: Executor, userId: number, listId: number) {
  return (
    db
      .delete(readingLists)
      .where(and(eq(readingLists.id, listId), eq(readingLists.userId, userId), eq(readingLists.isDefault, false)))
      .run().changes > 0
  )
}
