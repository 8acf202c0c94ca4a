import { asc, desc, eq, getTableColumns, gt, ne } from 'drizzle-orm'
import { type SelectResultFields } from 'drizzle-orm/query-builders/select.types'
import { type SelectedFields, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { db } from '../client'
import {
  articleAuthors,
  articles,
  articleSections,
  articleTags,
  categories,
  comments,
  corrections,
  media,
  pages,
  redirects,
  revisions,
  settings,
  tags,
  users,
} from '../schema'

// Reads for the WordPress (WXR) and JSON exports. Tables that grow with the site are read a
// batch at a time in id order: rows after `after`, at most `limit` of them.

/**
 * The batch reader of `table`, reading `columns` (the whole row by default). Paging by id keeps
 * each batch one index seek, where an OFFSET would rescan every row already written.
 */
function pageAfter<
  TTable extends SQLiteTable & { id: SQLiteColumn },
  TColumns extends SelectedFields = TTable['_']['columns'],
>(table: TTable, columns?: TColumns) {
  // drizzle cannot follow a generic table through its builder, so the query is built on the
  // widened types and its rows given back the type the plain select of `columns` would have.
  const selection: SelectedFields = columns ?? getTableColumns(table)
  const from: SQLiteTable = table
  return async (after: number, limit: number) =>
    (await db
      .select(selection)
      .from(from)
      .where(gt(table.id, after))
      .orderBy(asc(table.id))
      .limit(limit)) as SelectResultFields<TColumns>[]
}

export async function lastArticleId() {
  const [last] = await db.select({ id: articles.id }).from(articles).orderBy(desc(articles.id)).limit(1)
  return last?.id ?? 0
}

export async function lastPageId() {
  const [last] = await db.select({ id: pages.id }).from(pages).orderBy(desc(pages.id)).limit(1)
  return last?.id ?? 0
}

/** Every account but readers', in id order: WordPress's authors. */
export async function listExportStaff() {
  return db
    .select({ id: users.id, email: users.email, name: users.name, slug: users.slug, role: users.role })
    .from(users)
    .where(ne(users.role, 'reader'))
    .orderBy(asc(users.id))
}

export async function listExportCategories() {
  return db
    .select({
      id: categories.id,
      name: categories.name,
      slug: categories.slug,
      parentId: categories.parentId,
      description: categories.description,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id))
}

export const exportTagsAfter = pageAfter(tags, {
  id: tags.id,
  name: tags.name,
  slug: tags.slug,
  description: tags.description,
})

export const exportMediaAfter = pageAfter(media, {
  id: media.id,
  path: media.path,
  originalName: media.originalName,
  alt: media.alt,
  caption: media.caption,
  credit: media.credit,
  uploadedBy: media.uploadedBy,
  createdAt: media.createdAt,
})

export const exportArticlesAfter = pageAfter(articles, {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  standfirst: articles.standfirst,
  body: articles.body,
  status: articles.status,
  publishedAt: articles.publishedAt,
  authorId: articles.authorId,
  categoryId: articles.categoryId,
  featuredImageId: articles.featuredImageId,
  isFeatured: articles.isFeatured,
  commentsOpen: articles.commentsOpen,
})

/** An article's secondary sections, and its tags and comments, as the WXR item lists them. */
export async function exportArticleExtras(articleId: number) {
  const sectionRows = await db
    .select({ id: articleSections.categoryId })
    .from(articleSections)
    .where(eq(articleSections.articleId, articleId))
    .orderBy(asc(articleSections.categoryId))
  const tagRows = await db
    .select({ slug: tags.slug, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
  const commentRows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorName: comments.authorName,
      authorEmail: comments.authorEmail,
      body: comments.body,
      status: comments.status,
      ip: comments.ip,
      userId: comments.userId,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(eq(comments.articleId, articleId))
    .orderBy(asc(comments.id))
  return { sectionIds: sectionRows.map((r) => r.id), tags: tagRows, comments: commentRows }
}

export const exportPagesAfter = pageAfter(pages, {
  id: pages.id,
  slug: pages.slug,
  title: pages.title,
  body: pages.body,
  status: pages.status,
  parentId: pages.parentId,
  position: pages.position,
  publishedAt: pages.publishedAt,
})

type Batch<T> = (after: number, limit: number) => Promise<T[]>
const batched = <T extends { id: number }>(read: Batch<T>) => ({ batched: true as const, read })
const whole = (read: () => Promise<unknown[]>) => ({ batched: false as const, read })

/**
 * The tables of the JSON export in the order it writes them, without password hashes, sign-in
 * tokens or the cache's bookkeeping.
 */
export const jsonExportTables = {
  settings: whole(async () => db.select().from(settings)),
  users: batched(
    pageAfter(users, {
      id: users.id,
      email: users.email,
      name: users.name,
      slug: users.slug,
      role: users.role,
      status: users.status,
      bio: users.bio,
      jobTitle: users.jobTitle,
      avatarId: users.avatarId,
      createdAt: users.createdAt,
    }),
  ),
  media: batched(pageAfter(media)),
  categories: whole(async () => db.select().from(categories)),
  tags: batched(pageAfter(tags)),
  articles: batched(pageAfter(articles)),
  articleAuthors: whole(async () => db.select().from(articleAuthors)),
  articleTags: whole(async () => db.select().from(articleTags)),
  articleSections: whole(async () => db.select().from(articleSections)),
  corrections: whole(async () => db.select().from(corrections)),
  comments: batched(pageAfter(comments)),
  pages: whole(async () => db.select().from(pages)),
  redirects: whole(async () => db.select().from(redirects)),
  revisions: batched(pageAfter(revisions)),
}
