import { eq, inArray } from 'drizzle-orm'
import type { Executor } from '../client'
import { auditLog, type CommentStatus, comments } from '../schema'

export class CommentNotInTrashError extends Error {}

/**
 * Moves comments to a status in one transaction, with one audit row per comment that changed.
 * Unknown ids and comments already in that status are skipped. Returns how many changed.
 */
export function setCommentStatus(db: Executor, ids: number[], status: CommentStatus, actorId: number) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return 0
  return db.transaction((tx) => {
    const rows = tx
      .select({ id: comments.id, status: comments.status, authorName: comments.authorName })
      .from(comments)
      .where(inArray(comments.id, unique))
      .all()
      .filter((r) => r.status !== status)
    if (rows.length === 0) return 0
    tx.update(comments)
      .set({ status })
      .where(
        inArray(
          comments.id,
          rows.map((r) => r.id),
        ),
      )
      .run()
    for (const r of rows)
      tx.insert(auditLog)
        .values({
          userId: actorId,
          action: `comment:${r.status}->${status}`,
          entityType: 'comment',
          entityId: r.id,
          detail: r.authorName,
        })
        .run()
    return rows.length
  })
}

/**
 * Permanently deletes comments that are in the trash; throws CommentNotInTrashError, deleting
 * nothing, if any of them is not. Returns how many were deleted.
 */
export function deleteComments(db: Executor, ids: number[], actorId: number) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return 0
  return db.transaction((tx) => {
    const rows = tx
      .select({ id: comments.id, status: comments.status, authorName: comments.authorName })
      .from(comments)
      .where(inArray(comments.id, unique))
      .all()
    const kept = rows.filter((r) => r.status !== 'trash')
    if (kept.length > 0) throw new CommentNotInTrashError(`Comments not in trash: ${kept.map((r) => r.id).join(', ')}`)
    for (const r of rows) {
      // parent_id cascades on delete: lift the replies to the grandparent (as WordPress does) so
      // deleting spam never takes approved answers with it.
      const parentId = tx
        .select({ parentId: comments.parentId })
        .from(comments)
        .where(eq(comments.id, r.id))
        .get()?.parentId
      tx.update(comments)
        .set({ parentId: parentId ?? null })
        .where(eq(comments.parentId, r.id))
        .run()
      tx.delete(comments).where(eq(comments.id, r.id)).run()
      tx.insert(auditLog)
        .values({
          userId: actorId,
          action: 'comment:delete',
          entityType: 'comment',
          entityId: r.id,
          detail: r.authorName,
        })
        .run()
    }
    return rows.length
  })
}
