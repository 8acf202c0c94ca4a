import { and, eq, gt, inArray, or } from 'drizzle-orm'
import type { CommentCandidate, CommentVerdict } from '@/lib/comment-rules'
import { db, transaction } from '../client'
import { auditLog, type CommentStatus, comments } from '../schema'
import { readSiteSettings } from '../queries/site-settings'
import { saveSiteSettings } from './settings'

export class CommentNotInTrashError extends Error {}

/**
 * Moves comments to a status in one transaction, with one audit row per comment that changed.
 * Unknown ids and comments already in that status are skipped. Returns how many changed.
 */
export async function setCommentStatus(ids: number[], status: CommentStatus, actorId: number) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return 0
  return transaction(async () => {
    const rows = (
      await db
        .select({ id: comments.id, status: comments.status, authorName: comments.authorName })
        .from(comments)
        .where(inArray(comments.id, unique))
    ).filter((r) => r.status !== status)
    if (rows.length === 0) return 0
    await db
      .update(comments)
      .set({ status })
      .where(
        inArray(
          comments.id,
          rows.map((r) => r.id),
        ),
      )
    for (const r of rows)
      await db.insert(auditLog).values({
        userId: actorId,
        action: `comment:${r.status}->${status}`,
        entityType: 'comment',
        entityId: r.id,
        detail: r.authorName,
      })
    return rows.length
  })
}

/**
 * Permanently deletes comments that are in the trash; throws CommentNotInTrashError, deleting
 * nothing, if any of them is not. Returns how many were deleted.
 */
export async function deleteComments(ids: number[], actorId: number) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return 0
  return transaction(async () => {
    const rows = await db
      .select({ id: comments.id, status: comments.status, authorName: comments.authorName })
      .from(comments)
      .where(inArray(comments.id, unique))
    const kept = rows.filter((r) => r.status !== 'trash')
    if (kept.length > 0) throw new CommentNotInTrashError(`Comments not in trash: ${kept.map((r) => r.id).join(', ')}`)
    for (const r of rows) {
      // parent_id cascades on delete: lift the replies to the grandparent (as WordPress does) so
      // deleting spam never takes approved answers with it.
      const parentId = (await db.select({ parentId: comments.parentId }).from(comments).where(eq(comments.id, r.id)))[0]
        ?.parentId
      await db
        .update(comments)
        .set({ parentId: parentId ?? null })
        .where(eq(comments.parentId, r.id))
      await db.delete(comments).where(eq(comments.id, r.id))
      await db.insert(auditLog).values({
        userId: actorId,
        action: 'comment:delete',
        entityType: 'comment',
        entityId: r.id,
        detail: r.authorName,
      })
    }
    return rows.length
  })
}

export type NewReaderComment = {
  articleId: number
  parentId: number | null
  userId: number | null
  name: string
  email: string
  body: string
  ip: string
  userAgent: string | null
}

/**
 * Judges and stores a reader's comment in one transaction, so two identical posts racing each
 * other cannot both pass the duplicate check. Returns the verdict and, when stored, the new id.
 */
export async function postComment(
  input: NewReaderComment,
  signals: Pick<CommentCandidate, 'honeypot' | 'elapsedSeconds'>,
  judge: (candidate: CommentCandidate) => CommentVerdict,
  now = new Date(),
): Promise<{ verdict: CommentVerdict; id?: number }> {
  return transaction(async () => {
    const email = input.email.toLowerCase()
    const duplicate =
      (
        await db
          .select({ id: comments.id })
          .from(comments)
          .where(
            and(
              eq(comments.articleId, input.articleId),
              eq(comments.body, input.body),
              or(eq(comments.authorEmail, email), eq(comments.ip, input.ip)),
            ),
          )
          .limit(1)
      ).length > 0
    const knownAuthor =
      (
        await db
          .select({ id: comments.id })
          .from(comments)
          .where(and(eq(comments.authorEmail, email), eq(comments.status, 'approved')))
          .limit(1)
      ).length > 0
    const verdict = judge({ ...input, ...signals, email, duplicate, knownAuthor })
    if (verdict.kind === 'reject') return { verdict }
    const [{ id }] = (await db
      .insert(comments)
      .values({
        articleId: input.articleId,
        parentId: input.parentId,
        userId: input.userId,
        authorName: input.name,
        authorEmail: email,
        body: input.body,
        status: verdict.status,
        ip: input.ip,
        userAgent: input.userAgent,
        createdAt: now,
      })
      .returning({ id: comments.id })) as [{ id: number }]
    return { verdict, id }
  })
}

/** How deep a new reply to this comment would sit (1 for a top-level comment); 0 when the parent is not on this article. */
export async function replyDepth(articleId: number, parentId: number | null) {
  let depth = 1
  let current = parentId
  while (current !== null) {
    const [row] = await db
      .select({ parentId: comments.parentId, articleId: comments.articleId, status: comments.status })
      .from(comments)
      .where(eq(comments.id, current))
    if (!row || row.articleId !== articleId || (depth === 1 && row.status !== 'approved')) return 0
    depth++
    current = row.parentId
    if (depth > 50) return 0
  }
  return depth
}

/**
 * Bans the authors of the given comments: their e-mail addresses and IP addresses join the
 * blocklist, and their comments go to spam. Returns how many blocklist entries were added.
 */
export async function banCommentAuthors(ids: number[], actorId: number, now = new Date()) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return 0
  return transaction(async () => {
    const rows = await db
      .select({ email: comments.authorEmail, ip: comments.ip })
      .from(comments)
      .where(inArray(comments.id, unique))
    const rules = (await readSiteSettings()).comments
    const known = new Set(rules.blocklist.map((e) => e.toLowerCase()))
    const added = [...new Set(rows.flatMap((r) => [r.email, r.ip]).filter((v): v is string => !!v))].filter(
      (v) => !known.has(v.toLowerCase()),
    )
    if (added.length > 0)
      await saveSiteSettings({ comments: { ...rules, blocklist: [...rules.blocklist, ...added] } }, actorId, now)
    await setCommentStatus(unique, 'spam', actorId)
    await db.insert(auditLog).values({
      userId: actorId,
      action: 'comment:ban',
      entityType: 'comment',
      detail: added.join(', '),
      createdAt: now,
    })
    return added.length
  })
}

/** Comments of one author newer than a moment, for the per-account rate limit fallback. */
export async function countRecentComments(userId: number, since: Date) {
  const rows = await db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.userId, userId), gt(comments.createdAt, since)))
  return rows.length
}
