import { asc, desc, eq, gt, ne } from 'drizzle-orm'
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

export async function lastArticleId() {
  return db.select({ id: articles.id }).from(articles).orderBy(desc(articles.id)).limit(1).get()?.id ?? 0
}

export async function lastPageId() {
  return db.select({ id: pages.id }).from(pages).orderBy(desc(pages.id)).limit(1).get()?.id ?? 0
}

/** Every account but readers', in id order: WordPress's authors. */
export async function listExportStaff() {
  return db
    .select({ id: users.id, email: users.email, name: users.name, slug: users.slug, role: users.role })
    .from(users)
    .where(ne(users.role, 'reader'))
    .orderBy(asc(users.id))
    .all()
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
    .all()
}

export async function exportTagsAfter(after: number, limit: number) {
  return db
    .select({ id: tags.id, name: tags.name, slug: tags.slug, description: tags.description })
    .from(tags)
    .where(gt(tags.id, after))
    .orderBy(asc(tags.id))
    .limit(limit)
    .all()
}

export async function exportMediaAfter(after: number, limit: number) {
  return db
    .select({
      id: media.id,
      path: media.path,
      originalName: media.originalName,
      alt: media.alt,
      caption: media.caption,
      credit: media.credit,
      uploadedBy: media.uploadedBy,
      createdAt: media.createdAt,
    })
    .from(media)
    .where(gt(media.id, after))
    .orderBy(asc(media.id))
    .limit(limit)
    .all()
}

export async function exportArticlesAfter(after: number, limit: number) {
  return db
    .select({
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
    .from(articles)
    .where(gt(articles.id, after))
    .orderBy(asc(articles.id))
    .limit(limit)
    .all()
}

/** An article's secondary sections, and its tags and comments, as the WXR item lists them. */
export async function exportArticleExtras(articleId: number) {
  const sectionIds = db
    .select({ id: articleSections.categoryId })
    .from(articleSections)
    .where(eq(articleSections.articleId, articleId))
    .orderBy(asc(articleSections.categoryId))
    .all()
    .map((r) => r.id)
  const tagRows = db
    .select({ slug: tags.slug, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .all()
  const commentRows = db
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
    .all()
  return { sectionIds, tags: tagRows, comments: commentRows }
}

export async function exportPagesAfter(after: number, limit: number) {
  return db
    .select({
      id: pages.id,
      slug: pages.slug,
      title: pages.title,
      body: pages.body,
      status: pages.status,
      parentId: pages.parentId,
      position: pages.position,
      publishedAt: pages.publishedAt,
    })
    .from(pages)
    .where(gt(pages.id, after))
    .orderBy(asc(pages.id))
    .limit(limit)
    .all()
}

type Batch<T> = (after: number, limit: number) => Promise<T[]>
const batched = <T extends { id: number }>(read: Batch<T>) => ({ batched: true as const, read })
const whole = (read: () => Promise<unknown[]>) => ({ batched: false as const, read })

/**
 * The tables of the JSON export in the order it writes them, without password hashes, sign-in
 * tokens or the cache's bookkeeping.
 */
export const jsonExportTables = {
  settings: whole(async () => db.select().from(settings).all()),
  users: batched(async (after, limit) =>
    db
      .select({
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
      })
      .from(users)
      .where(gt(users.id, after))
      .orderBy(asc(users.id))
      .limit(limit)
      .all(),
  ),
  media: batched(async (after, limit) =>
    db.select().from(media).where(gt(media.id, after)).orderBy(asc(media.id)).limit(limit).all(),
  ),
  categories: whole(async () => db.select().from(categories).all()),
  tags: batched(async (after, limit) =>
    db.select().from(tags).where(gt(tags.id, after)).orderBy(asc(tags.id)).limit(limit).all(),
  ),
  articles: batched(async (after, limit) =>
    db.select().from(articles).where(gt(articles.id, after)).orderBy(asc(articles.id)).limit(limit).all(),
  ),
  articleAuthors: whole(async () => db.select().from(articleAuthors).all()),
  articleTags: whole(async () => db.select().from(articleTags).all()),
  articleSections: whole(async () => db.select().from(articleSections).all()),
  corrections: whole(async () => db.select().from(corrections).all()),
  comments: batched(async (after, limit) =>
    db.select().from(comments).where(gt(comments.id, after)).orderBy(asc(comments.id)).limit(limit).all(),
  ),
  pages: whole(async () => db.select().from(pages).all()),
  redirects: whole(async () => db.select().from(redirects).all()),
  revisions: batched(async (after, limit) =>
    db.select().from(revisions).where(gt(revisions.id, after)).orderBy(asc(revisions.id)).limit(limit).all(),
  ),
}
