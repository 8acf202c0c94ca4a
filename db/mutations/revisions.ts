import { and, asc, count, desc, eq, gt, gte, inArray, like, max, ne, or, sql } from 'drizzle-orm'
import type { Executor } from '../client'
import { articleAuthors, articles, articleTags, auditLog, corrections, revisions, tags, users } from '../schema'
import { saveArticle } from './articles'

// Plain helpers with no auth, like every db/mutations module: the admin pages and actions that
// call them authorize first (requireStaff + canEditArticle).

/**
 * Puts a revision's title, standfirst and body back on the article through saveArticle, so the
 * restore itself leaves a revision and an audit entry. Every other field, the status and the
 * publication time stay as they are now. Returns undefined when the revision is not this article's.
 */
export function restoreRevision(db: Executor, articleId: number, revisionId: number, actorId: number, now?: Date) {
  return db.transaction((tx) => {
    const revision = tx
      .select({ title: revisions.title, standfirst: revisions.standfirst, body: revisions.body })
      .from(revisions)
      .where(and(eq(revisions.id, revisionId), eq(revisions.articleId, articleId)))
      .get()
    const current = tx.select().from(articles).where(eq(articles.id, articleId)).get()
    if (!revision || !current) return undefined
    const tagNames = tx
      .select({ name: tags.name })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(eq(articleTags.articleId, articleId))
      .all()
      .map((t) => t.name)
    return saveArticle(tx, {
      id: articleId,
      actorId,
      now,
      transition: { status: current.status, publishedAt: current.publishedAt },
      fields: {
        title: revision.title,
        slug: current.slug,
        standfirst: revision.standfirst,
        body: revision.body,
        categoryId: current.categoryId,
        tagNames,
        featuredImageId: current.featuredImageId,
        imageAlt: current.imageAlt,
        imageCaption: current.imageCaption,
        imageCredit: current.imageCredit,
        sourceUrl: current.sourceUrl,
        sourceName: current.sourceName,
        isBreaking: current.isBreaking,
        isFeatured: current.isFeatured,
        seoTitle: current.seoTitle,
        seoDescription: current.seoDescription,
      },
    })
  })
}

/** Notes that a user opened an article in the editor; at most one entry per user, article and minute. */
export function recordArticleOpen(db: Executor, articleId: number, userId: number, now = new Date()) {
  return db.transaction((tx) => {
    const recent = tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'article'),
          eq(auditLog.entityId, articleId),
          eq(auditLog.userId, userId),
          eq(auditLog.action, 'open'),
          gt(auditLog.createdAt, new Date(now.getTime() - 60_000)),
        ),
      )
      .get()
    if (recent) return false
    tx.insert(auditLog)
      .values({ userId, action: 'open', entityType: 'article', entityId: articleId, createdAt: now })
      .run()
    return true
  })
}

/**
 * Other staff who opened or saved the article within the window, most recent first. `openedAt` is
 * their latest opening (null when they only saved), `lastSeenAt` their latest activity of either kind.
 */
export function listRecentEditors(
  db: Executor,
  articleId: number,
  exceptUserId: number,
  withinMinutes = 10,
  now = new Date(),
) {
  const lastSeenAt = max(auditLog.createdAt)
  return db
    .select({
      id: users.id,
      name: users.name,
      openedAt: sql<Date | null>`max(case when ${auditLog.action} = 'open' then ${auditLog.createdAt} end)`.mapWith(
        auditLog.createdAt,
      ),
      lastSeenAt,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        eq(auditLog.entityType, 'article'),
        eq(auditLog.entityId, articleId),
        ne(auditLog.userId, exceptUserId),
        gte(auditLog.createdAt, new Date(now.getTime() - withinMinutes * 60_000)),
        or(inArray(auditLog.action, ['open', 'create', 'update']), like(auditLog.action, 'status:%')),
      ),
    )
    .groupBy(users.id, users.name)
    .orderBy(desc(lastSeenAt))
    .all()
    .map((r) => ({ ...r, lastSeenAt: r.lastSeenAt ?? now }))
}

/** An article's revisions, newest first, with who saved each and whether it matches the current text. */
export function listRevisions(db: Executor, articleId: number) {
  return db
    .select({
      id: revisions.id,
      title: revisions.title,
      createdAt: revisions.createdAt,
      userName: users.name,
      isCurrent:
        sql<boolean>`(${revisions.title} = ${articles.title} and ${revisions.standfirst} = ${articles.standfirst} and ${revisions.body} = ${articles.body})`.mapWith(
          Boolean,
        ),
    })
    .from(revisions)
    .innerJoin(articles, eq(articles.id, revisions.articleId))
    .leftJoin(users, eq(users.id, revisions.userId))
    .where(eq(revisions.articleId, articleId))
    .orderBy(desc(revisions.createdAt), desc(revisions.id))
    .all()
}

export function getRevision(db: Executor, articleId: number, revisionId: number) {
  return db
    .select({
      id: revisions.id,
      title: revisions.title,
      standfirst: revisions.standfirst,
      body: revisions.body,
      createdAt: revisions.createdAt,
    })
    .from(revisions)
    .where(and(eq(revisions.id, revisionId), eq(revisions.articleId, articleId)))
    .get()
}

export function countRevisions(db: Executor, articleId: number) {
  return db.select({ n: count() }).from(revisions).where(eq(revisions.articleId, articleId)).get()?.n ?? 0
}

export function listCorrections(db: Executor, articleId: number) {
  return db
    .select({ id: corrections.id, body: corrections.body, createdAt: corrections.createdAt })
    .from(corrections)
    .where(eq(corrections.articleId, articleId))
    .orderBy(asc(corrections.createdAt), asc(corrections.id))
    .all()
}

/** An article in any status, shaped like the reader page's data, for the staff preview. */
export function getArticlePreview(db: Executor, id: number) {
  const row = db.query.articles
    .findFirst({
      where: eq(articles.id, id),
      columns: {
        id: true,
        slug: true,
        title: true,
        standfirst: true,
        body: true,
        status: true,
        publishedAt: true,
        updatedAt: true,
        authorId: true,
        imageAlt: true,
        imageCaption: true,
        imageCredit: true,
        sourceUrl: true,
        sourceName: true,
      },
      with: {
        category: { columns: { id: true, name: true, slug: true } },
        author: { columns: { id: true, name: true, slug: true } },
        featuredImage: {
          columns: { path: true, width: true, height: true, variants: true, alt: true, caption: true, credit: true },
        },
        articleAuthors: {
          columns: { position: true },
          with: { user: { columns: { id: true, name: true, slug: true } } },
          orderBy: asc(articleAuthors.position),
        },
        articleTags: { with: { tag: { columns: { id: true, name: true, slug: true } } } },
        corrections: { columns: { id: true, body: true, createdAt: true }, orderBy: asc(corrections.createdAt) },
      },
    })
    .sync()
  if (!row) return undefined
  const { featuredImage: img, articleAuthors: coAuthors, articleTags: tagRows, ...rest } = row
  return {
    ...rest,
    authors: [row.author, ...coAuthors.map((a) => a.user).filter((u) => u.id !== row.author.id)],
    tags: tagRows.map((t) => t.tag).sort((a, b) => a.name.localeCompare(b.name)),
    image: img
      ? {
          path: img.path,
          width: img.width,
          height: img.height,
          variants: img.variants,
          alt: row.imageAlt ?? img.alt,
          caption: row.imageCaption ?? img.caption,
          credit: row.imageCredit ?? img.credit,
        }
      : null,
  }
}
