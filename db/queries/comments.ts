import 'server-only'
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../client'
import { memoForContent } from './content-version'
import { articles, comments } from '../schema'

export type CommentNode = {
  id: number
  authorName: string
  body: string
  createdAt: Date
  replies: CommentNode[]
}

/** Approved comments of an article as a tree; a reply whose parent is not approved is not shown. */
export async function listApprovedCommentTree(articleId: number): Promise<{ roots: CommentNode[]; count: number }> {
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorName: comments.authorName,
      body: comments.body,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(and(eq(comments.articleId, articleId), eq(comments.status, 'approved')))
    .orderBy(asc(comments.createdAt), asc(comments.id))
  const nodes = new Map(rows.map((r) => [r.id, { ...r, replies: [] as CommentNode[] }]))
  const roots: CommentNode[] = []
  let count = 0
  for (const row of rows) {
    const node = nodes.get(row.id)!
    if (row.parentId === null) {
      roots.push(node)
      count++
    } else {
      const parent = nodes.get(row.parentId)
      if (parent) {
        parent.replies.push(node)
        count++
      }
    }
  }
  return { roots, count }
}

/**
 * The newest approved comments on published articles. Comments are read first on their own index
 * and only their articles are looked up, so the cost does not grow with the archive.
 */
export const listRecentComments = cache((limit: number) =>
  memoForContent(`recent-comments:${limit}`, () => recentComments(limit)),
)

async function recentComments(limit: number) {
  const recent = await db
    .select({ id: comments.id, authorName: comments.authorName, articleId: comments.articleId })
    .from(comments)
    .where(eq(comments.status, 'approved'))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit * 10)
  if (recent.length === 0) return []
  const live = new Map(
    (
      await db
        .select({ id: articles.id, title: articles.title, slug: articles.slug, publishedAt: articles.publishedAt })
        .from(articles)
        .where(
          and(inArray(articles.id, [...new Set(recent.map((c) => c.articleId))]), eq(articles.status, 'published')),
        )
    ).map((a) => [a.id, a]),
  )
  return recent
    .flatMap((c) => {
      const a = live.get(c.articleId)
      return a
        ? [
            {
              id: c.id,
              authorName: c.authorName,
              articleTitle: a.title,
              articleSlug: a.slug,
              publishedAt: a.publishedAt,
            },
          ]
        : []
    })
    .slice(0, limit)
}
