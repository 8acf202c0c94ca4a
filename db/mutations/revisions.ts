import { and, eq, gt } from 'drizzle-orm'
import { db, transaction } from '../client'
import { articles, articleTags, auditLog, revisions, tags } from '../schema'
import { saveArticle } from './articles'

// Plain helpers with no auth, like every db/mutations module: the admin pages and actions that
// call them authorize first (requireStaff + canEditArticle).

/**
 * Puts a revision's title, standfirst and body back on the article through saveArticle, so the
 * restore itself leaves a revision and an audit entry. Every other field, the status and the
 * publication time stay as they are now. Returns undefined when the revision is not this article's.
 */
export async function restoreRevision(articleId: number, revisionId: number, actorId: number, now?: Date) {
  // Reads first, then saveArticle's own transaction: it computes the key points before writing, and
  // a transaction held open across that would fail if another process wrote meanwhile.
  const [revision] = await db
    .select({ title: revisions.title, standfirst: revisions.standfirst, body: revisions.body })
    .from(revisions)
    .where(and(eq(revisions.id, revisionId), eq(revisions.articleId, articleId)))
  const [current] = await db.select().from(articles).where(eq(articles.id, articleId))
  if (!revision || !current) return undefined
  const tagNames = (
    await db
      .select({ name: tags.name })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(eq(articleTags.articleId, articleId))
  ).map((t) => t.name)
  return saveArticle({
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
export async function recordArticleOpen(articleId: number, userId: number, now = new Date()) {
  return transaction(async () => {
    const [recent] = await db
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
      .limit(1)
    if (recent) return false
    await db
      .insert(auditLog)
      .values({ userId, action: 'open', entityType: 'article', entityId: articleId, createdAt: now })
    return true
  })
}
