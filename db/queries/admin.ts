import 'server-only'
import { and, asc, count, desc, eq, like, or, type SQL, ne } from 'drizzle-orm'
import { type Actor, can } from '@/lib/permissions'
import { db } from '../client'
import { getArticleViewById } from './articles'
import {
  type ArticleStatus,
  articleAuthors,
  articles,
  articleSections,
  articleTags,
  categories,
  comments,
  media,
  tags,
  users,
} from '../schema'

// Back-office reads. None authorizes: the page or action calls requireStaff first and passes the
// signed-in user to the reads scoped by it. None is cached.

export type AdminArticleFilters = {
  q?: string
  status?: ArticleStatus
  categoryId?: number
  authorId?: number
  page: number
}

/** `user` (the signed-in staff member) limits authors and contributors to their own articles. */
export async function listArticlesAdmin(user: Actor, filters: AdminArticleFilters, perPage = 25) {
  const where: (SQL | undefined)[] = [
    filters.q ? or(like(articles.title, `%${filters.q}%`), like(articles.slug, `%${filters.q}%`)) : undefined,
    filters.status ? eq(articles.status, filters.status) : undefined,
    filters.categoryId ? eq(articles.categoryId, filters.categoryId) : undefined,
    filters.authorId ? eq(articles.authorId, filters.authorId) : undefined,
    // Authors and contributors see their own work only.
    can(user.role, 'articles.editOthers') ? undefined : eq(articles.authorId, user.id),
  ]
  const condition = and(...where)
  const total = (await db.select({ n: count() }).from(articles).where(condition))[0]?.n ?? 0
  const rows = await db
    .select({
      id: articles.id,
      title: articles.title,
      slug: articles.slug,
      status: articles.status,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      authorName: users.name,
      categoryName: categories.name,
    })
    .from(articles)
    .leftJoin(users, eq(users.id, articles.authorId))
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .where(condition)
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(perPage)
    .offset((filters.page - 1) * perPage)
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}

export async function getArticleAdmin(id: number) {
  const [article] = await db.select().from(articles).where(eq(articles.id, id))
  if (!article) return undefined
  const tagNames = (
    await db
      .select({ name: tags.name })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(eq(articleTags.articleId, id))
      .orderBy(asc(tags.name))
  ).map((t) => t.name)
  const coAuthorIds = (
    await db
      .select({ userId: articleAuthors.userId })
      .from(articleAuthors)
      .where(and(eq(articleAuthors.articleId, id), ne(articleAuthors.userId, article.authorId)))
      .orderBy(asc(articleAuthors.position))
  ).map((r) => r.userId)
  const secondaryCategoryIds = (
    await db.select({ id: articleSections.categoryId }).from(articleSections).where(eq(articleSections.articleId, id))
  ).map((r) => r.id)
  return { ...article, tagNames, coAuthorIds, secondaryCategoryIds }
}

/** A staff member who may be put on a byline (any staff role, signing in or not), or undefined. */
export async function getBylineAuthorAdmin(id: number) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.id, id),
        or(eq(users.role, 'admin'), eq(users.role, 'editor'), eq(users.role, 'author'), eq(users.role, 'contributor')),
      ),
    )
  return row
}

/** Choices for the article form; `user` decides whether uploading is offered. */
export async function getArticleFormOptionsAdmin(user: Pick<Actor, 'role'>) {
  return {
    canUpload: can(user.role, 'media.upload'),
    categories: await db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .orderBy(asc(categories.position)),
    media: await db
      .select({
        id: media.id,
        path: media.path,
        alt: media.alt,
        originalName: media.originalName,
        variants: media.variants,
        caption: media.caption,
        credit: media.credit,
      })
      .from(media)
      .orderBy(desc(media.createdAt), desc(media.id))
      .limit(60),
    authors: await db
      .select({ id: users.id, name: users.name, status: users.status })
      .from(users)
      .where(
        or(eq(users.role, 'admin'), eq(users.role, 'editor'), eq(users.role, 'author'), eq(users.role, 'contributor')),
      )
      .orderBy(asc(users.name)),
    // Suggested in the tags field; the most used first, so the browser's short list shows those.
    tags: (
      await db
        .select({ name: tags.name })
        .from(tags)
        .leftJoin(articleTags, eq(articleTags.tagId, tags.id))
        .groupBy(tags.id)
        .orderBy(desc(count(articleTags.articleId)), asc(tags.name))
        .limit(1000)
    ).map((t) => t.name),
  }
}

/** `user` (the signed-in staff member) limits authors and contributors to their own articles. */
export async function getDashboardAdmin<U extends Actor>(user: U) {
  const own = can(user.role, 'articles.editOthers') ? undefined : eq(articles.authorId, user.id)
  const byStatus = (status: ArticleStatus, limit: number) =>
    db
      .select({
        id: articles.id,
        title: articles.title,
        publishedAt: articles.publishedAt,
        updatedAt: articles.updatedAt,
        authorName: users.name,
      })
      .from(articles)
      .leftJoin(users, eq(users.id, articles.authorId))
      .where(and(eq(articles.status, status), own))
      .orderBy(status === 'scheduled' ? asc(articles.publishedAt) : desc(articles.updatedAt))
      .limit(limit)
  const pendingComments = can(user.role, 'comments.moderate')
    ? await db
        .select({
          id: comments.id,
          authorName: comments.authorName,
          body: comments.body,
          createdAt: comments.createdAt,
          articleTitle: articles.title,
        })
        .from(comments)
        .innerJoin(articles, eq(articles.id, comments.articleId))
        .where(eq(comments.status, 'pending'))
        .orderBy(desc(comments.createdAt))
        .limit(10)
    : []
  const pendingCommentCount = can(user.role, 'comments.moderate')
    ? ((await db.select({ n: count() }).from(comments).where(eq(comments.status, 'pending')))[0]?.n ?? 0)
    : 0
  return {
    user,
    pending: await byStatus('pending', 10),
    scheduled: await byStatus('scheduled', 10),
    drafts: await byStatus('draft', 10),
    pendingComments,
    pendingCommentCount,
  }
}

/** Any article as readers would see it, for the staff preview; the page checks who may see it. */
export async function getArticlePreviewAdmin(id: number) {
  return getArticleViewById(id)
}
