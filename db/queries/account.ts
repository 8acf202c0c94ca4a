import 'server-only'
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../client'
import { articles, comments, readingLists, savedArticles, users } from '../schema'

export type SavedEntry = {
  articleId: number
  savedAt: Date
  /** Null when the article is no longer published: the list shows it as unavailable. */
  article: { title: string; slug: string; publishedAt: Date } | null
}

export type ReadingList = { id: number; name: string; isDefault: boolean; entries: SavedEntry[] }

/** The user's lists, the default one first, each with its articles newest-saved first. */
export async function listReadingLists(userId: number): Promise<ReadingList[]> {
  const lists = await db
    .select({ id: readingLists.id, name: readingLists.name, isDefault: readingLists.isDefault })
    .from(readingLists)
    .where(eq(readingLists.userId, userId))
    .orderBy(desc(readingLists.isDefault), desc(readingLists.createdAt), desc(readingLists.id))
  if (lists.length === 0) return []
  const rows = await db
    .select({
      listId: savedArticles.listId,
      articleId: savedArticles.articleId,
      savedAt: savedArticles.savedAt,
      title: articles.title,
      slug: articles.slug,
      status: articles.status,
      publishedAt: articles.publishedAt,
    })
    .from(savedArticles)
    .innerJoin(articles, eq(articles.id, savedArticles.articleId))
    .where(
      inArray(
        savedArticles.listId,
        lists.map((l) => l.id),
      ),
    )
    .orderBy(desc(savedArticles.savedAt), desc(savedArticles.articleId))
  return lists.map((l) => ({
    ...l,
    entries: rows
      .filter((r) => r.listId === l.id)
      .map((r) => ({
        articleId: r.articleId,
        savedAt: r.savedAt,
        article:
          r.status === 'published' && r.publishedAt
            ? { title: r.title, slug: r.slug, publishedAt: r.publishedAt }
            : null,
      })),
  }))
}

/** Ids of every article the user has in any list: the Save buttons of one request share it. */
export const listSavedArticleIds = cache(async (userId: number) => {
  const rows = await db
    .select({ articleId: savedArticles.articleId })
    .from(savedArticles)
    .innerJoin(readingLists, eq(readingLists.id, savedArticles.listId))
    .where(eq(readingLists.userId, userId))
  return new Set(rows.map((r) => r.articleId))
})

export async function getAccountProfile(userId: number) {
  const [profile] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      hasPassword: users.passwordHash,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1)
  return profile
}

/** Everything stored about a reader, for "download my data". Password hashes and tokens are left out. */
export async function exportAccountData(userId: number) {
  const profile = await getAccountProfile(userId)
  if (!profile) return undefined
  const { hasPassword, ...account } = profile
  return {
    account: { ...account, signsInWithPassword: !!hasPassword },
    readingLists: (await listReadingLists(userId)).map((l) => ({
      name: l.name,
      isDefault: l.isDefault,
      articles: l.entries.map((e) => ({
        articleId: e.articleId,
        savedAt: e.savedAt,
        title: e.article?.title ?? null,
      })),
    })),
    comments: await db
      .select({
        id: comments.id,
        articleId: comments.articleId,
        parentId: comments.parentId,
        authorName: comments.authorName,
        authorEmail: comments.authorEmail,
        body: comments.body,
        status: comments.status,
        ip: comments.ip,
        createdAt: comments.createdAt,
      })
      .from(comments)
      .where(and(eq(comments.userId, userId)))
      .orderBy(asc(comments.createdAt)),
  }
}

/** A published article by id, with what saving and commenting need to know. */
export async function getPublishedArticleForReader(id: number) {
  const [article] = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      publishedAt: articles.publishedAt,
      commentsOpen: articles.commentsOpen,
    })
    .from(articles)
    .where(and(eq(articles.id, id), eq(articles.status, 'published')))
    .limit(1)
  return article
}
