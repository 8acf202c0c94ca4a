import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { auditLog, comments, users } from '../schema'
import { seedDatabase } from '@/services/seed/seed'
import { firstRow } from '../test-fixtures'
import { CommentNotInTrashError, deleteComments, setCommentStatus } from './comments'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let actorId: number

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 20, images: 1, adminPassword: 'x'.repeat(12) })
  actorId = (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1))).id
})

async function addComment(status: 'pending' | 'approved' | 'spam' | 'trash', parentId: number | null = null) {
  const { articleId } = await firstRow(
    db.select({ articleId: comments.articleId }).from(comments).orderBy(comments.id).limit(1),
  )
  const { id } = await firstRow(
    writer
      .insert(comments)
      .values({ articleId, parentId, authorName: `Tester ${status}`, body: 'A test comment.', status })
      .returning({ id: comments.id }),
  )
  return id
}

const statusOf = async (id: number) =>
  (await db.select({ s: comments.status }).from(comments).where(eq(comments.id, id)).limit(1))[0]?.s
const auditFor = (id: number) =>
  db
    .select({ action: auditLog.action, userId: auditLog.userId })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'comment'), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id)

describe('setCommentStatus', () => {
  it('changes the status with one audit row per comment', async () => {
    const a = await addComment('pending')
    const b = await addComment('spam')
    expect(await setCommentStatus([a, b, b], 'approved', actorId)).toBe(2)
    expect(await statusOf(a)).toBe('approved')
    expect(await statusOf(b)).toBe('approved')
    expect(await auditFor(a)).toEqual([{ action: 'comment:pending->approved', userId: actorId }])
    expect(await auditFor(b)).toEqual([{ action: 'comment:spam->approved', userId: actorId }])
  })

  it('skips comments already in that status and unknown ids', async () => {
    const a = await addComment('trash')
    const b = await addComment('pending')
    expect(await setCommentStatus([a, b, 999_999], 'trash', actorId)).toBe(1)
    expect(await auditFor(a)).toEqual([])
    expect(await auditFor(b)).toEqual([{ action: 'comment:pending->trash', userId: actorId }])
    expect(await setCommentStatus([], 'approved', actorId)).toBe(0)
  })
})

describe('deleteComments', () => {
  it('refuses the whole batch when one comment is not in the trash', async () => {
    const trashed = await addComment('trash')
    const approved = await addComment('approved')
    await expect(deleteComments([trashed, approved], actorId)).rejects.toThrow(CommentNotInTrashError)
    expect(await statusOf(trashed)).toBe('trash')
    expect(await statusOf(approved)).toBe('approved')
    expect(await auditFor(trashed)).toEqual([])
  })

  it('deletes trashed comments, logs it, and keeps their replies', async () => {
    const root = await addComment('approved')
    const trashed = await addComment('trash', root)
    const reply = await addComment('approved', trashed)
    expect(await deleteComments([trashed], actorId)).toBe(1)
    expect(await statusOf(trashed)).toBeUndefined()
    expect(await auditFor(trashed)).toEqual([{ action: 'comment:delete', userId: actorId }])
    const [lifted] = await db.select({ parentId: comments.parentId }).from(comments).where(eq(comments.id, reply))
    expect(lifted?.parentId).toBe(root)
  })

  it('deletes a trashed thread without losing replies outside it', async () => {
    const parent = await addComment('trash')
    const child = await addComment('trash', parent)
    const grandchild = await addComment('approved', child)
    expect(await deleteComments([child, parent], actorId)).toBe(2)
    expect(
      await db
        .select()
        .from(comments)
        .where(inArray(comments.id, [parent, child])),
    ).toEqual([])
    const [row] = await db.select({ parentId: comments.parentId }).from(comments).where(eq(comments.id, grandchild))
    expect(row?.parentId).toBeNull()
  })

  it('works on the seeded spam: trash then delete', async () => {
    const spam = (await db.select({ id: comments.id }).from(comments).where(eq(comments.status, 'spam'))).map(
      (r) => r.id,
    )
    const before = spam.length
    expect(before).toBeGreaterThan(0)
    expect(await setCommentStatus(spam, 'trash', actorId)).toBe(before)
    expect(await deleteComments(spam, actorId)).toBe(before)
    expect(await db.select().from(comments).where(inArray(comments.id, spam))).toEqual([])
  })
})
