import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { auditLog, comments, users } from '../schema'
import { seedDatabase } from '@/services/seed/seed'
import { CommentNotInTrashError, deleteComments, setCommentStatus } from './comments'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let actorId: number

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 20, images: 1, adminPassword: 'x'.repeat(12) })
  actorId = db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).get()!.id
})

function addComment(status: 'pending' | 'approved' | 'spam' | 'trash', parentId: number | null = null) {
  const articleId = db.select({ articleId: comments.articleId }).from(comments).get()!.articleId
  return writer
    .insert(comments)
    .values({ articleId, parentId, authorName: `Tester ${status}`, body: 'A test comment.', status })
    .returning({ id: comments.id })
    .get().id
}

const statusOf = (id: number) => db.select({ s: comments.status }).from(comments).where(eq(comments.id, id)).get()?.s
const auditFor = (id: number) =>
  db
    .select({ action: auditLog.action, userId: auditLog.userId })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'comment'), eq(auditLog.entityId, id)))
    .all()

describe('setCommentStatus', () => {
  it('changes the status with one audit row per comment', async () => {
    const a = addComment('pending')
    const b = addComment('spam')
    expect(await setCommentStatus([a, b, b], 'approved', actorId)).toBe(2)
    expect(statusOf(a)).toBe('approved')
    expect(statusOf(b)).toBe('approved')
    expect(auditFor(a)).toEqual([{ action: 'comment:pending->approved', userId: actorId }])
    expect(auditFor(b)).toEqual([{ action: 'comment:spam->approved', userId: actorId }])
  })

  it('skips comments already in that status and unknown ids', async () => {
    const a = addComment('trash')
    const b = addComment('pending')
    expect(await setCommentStatus([a, b, 999_999], 'trash', actorId)).toBe(1)
    expect(auditFor(a)).toEqual([])
    expect(auditFor(b)).toEqual([{ action: 'comment:pending->trash', userId: actorId }])
    expect(await setCommentStatus([], 'approved', actorId)).toBe(0)
  })
})

describe('deleteComments', () => {
  it('refuses the whole batch when one comment is not in the trash', async () => {
    const trashed = addComment('trash')
    const approved = addComment('approved')
    await expect(deleteComments([trashed, approved], actorId)).rejects.toThrow(CommentNotInTrashError)
    expect(statusOf(trashed)).toBe('trash')
    expect(statusOf(approved)).toBe('approved')
    expect(auditFor(trashed)).toEqual([])
  })

  it('deletes trashed comments, logs it, and keeps their replies', async () => {
    const root = addComment('approved')
    const trashed = addComment('trash', root)
    const reply = addComment('approved', trashed)
    expect(await deleteComments([trashed], actorId)).toBe(1)
    expect(statusOf(trashed)).toBeUndefined()
    expect(auditFor(trashed)).toEqual([{ action: 'comment:delete', userId: actorId }])
    const lifted = db.select({ parentId: comments.parentId }).from(comments).where(eq(comments.id, reply)).get()
    expect(lifted?.parentId).toBe(root)
  })

  it('deletes a trashed thread without losing replies outside it', async () => {
    const parent = addComment('trash')
    const child = addComment('trash', parent)
    const grandchild = addComment('approved', child)
    expect(await deleteComments([child, parent], actorId)).toBe(2)
    expect(
      db
        .select()
        .from(comments)
        .where(inArray(comments.id, [parent, child]))
        .all(),
    ).toEqual([])
    const row = db.select({ parentId: comments.parentId }).from(comments).where(eq(comments.id, grandchild)).get()
    expect(row?.parentId).toBeNull()
  })

  it('works on the seeded spam: trash then delete', async () => {
    const spam = db
      .select({ id: comments.id })
      .from(comments)
      .where(eq(comments.status, 'spam'))
      .all()
      .map((r) => r.id)
    const before = spam.length
    expect(before).toBeGreaterThan(0)
    expect(await setCommentStatus(spam, 'trash', actorId)).toBe(before)
    expect(await deleteComments(spam, actorId)).toBe(before)
    expect(db.select().from(comments).where(inArray(comments.id, spam)).all()).toEqual([])
  })
})
