import 'server-only'
import { and, asc, desc, eq } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../client'
import { articles, comments } from '../schema'

export type CommentNode = {
  id: number
  authorName: string
  body: string
  createdAt: Date
  replies: CommentNode[]
}

/** Approved comments of an article as a tree; a reply whose parent is not approved is not shown. */
export function listApprovedCommentTree(articleId: number): { roots: CommentNode[]; count: number } {
  const rows = db
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
    .all()
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

export const listRecentComments = cache((limit: number) =>
  db
    .select({
      id: comments.id,
      authorName: comments.authorName,
      articleTitle: articles.title,
      articleSlug: articles.slug,
      publishedAt: articles.publishedAt,
    })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(and(eq(comments.status, 'approved'), eq(articles.status, 'published')))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit)
    .all(),
)
