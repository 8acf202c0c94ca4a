import 'server-only'
import { count, desc, eq } from 'drizzle-orm'
import { db } from '../client'
import { articles, type CommentStatus, comments, commentStatuses } from '../schema'

export async function listCommentsAdmin(filters: { status: CommentStatus; page: number }, perPage = 30) {
  const condition = eq(comments.status, filters.status)
  const total = (await db.select({ n: count() }).from(comments).where(condition))[0]?.n ?? 0
  const rows = await db
    .select({
      id: comments.id,
      authorName: comments.authorName,
      authorEmail: comments.authorEmail,
      body: comments.body,
      status: comments.status,
      createdAt: comments.createdAt,
      ip: comments.ip,
      parentId: comments.parentId,
      articleId: articles.id,
      articleTitle: articles.title,
      articleSlug: articles.slug,
      articleStatus: articles.status,
      articlePublishedAt: articles.publishedAt,
    })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(condition)
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(perPage)
    .offset((filters.page - 1) * perPage)
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}

export async function countCommentsByStatusAdmin(): Promise<Record<CommentStatus, number>> {
  const counts = Object.fromEntries(commentStatuses.map((s) => [s, 0])) as Record<CommentStatus, number>
  const rows = await db.select({ status: comments.status, n: count() }).from(comments).groupBy(comments.status)
  for (const r of rows) counts[r.status] = r.n
  return counts
}
