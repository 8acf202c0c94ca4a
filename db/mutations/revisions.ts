import { and, asc, count, desc, eq, gt, gte, inArray, like, max, ne, or, sql } from 'drizzle-orm'
import type { Executor } from '../client'
import { articles, articleTags, auditLog, corrections, revisions, tags, users } from '../schema'
import { saveArticle } from './articles'

// Plain helpers with no auth, like every db/mutations module: the admin pages and actions that
// call them authorize first (requireStaff + canEditArticle).

/**
 * Puts a revision's title, standfirst and body back on the article through saveArticle, so the
 * restore itself leaves a revision and an audit entry. Every other field, the status and the
 * publication time stay as they are now. Returns undefined when the revision is not this article's.
 */
export function restoreRevision(db: Executor, articleId: number, revisionId: number, actorId: number, now?: Date) {
  // Reads first, then saveArticle's own transaction: it computes the key points before writing, and
  // a transaction held open across that would fail if another process wrote meanwhile.
  const revision = db
    .select({ title: revisions.title, standfirst: revisions.standfirst, body: revisions.body })
    .from(revisions)
    .where(and(eq(revisions.id, revisionId), eq(revisions.articleId, articleId)))
    .get()
  const current = db.select().from(articles).where(eq(articles.id, articleId)).get()
  if (!revision || !current) return undefined
  const tagNames = db
    .select({ name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .all()
    .map((t) => t.name)
  return saveArticle(db, {
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
