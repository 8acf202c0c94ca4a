import { and, asc, count, desc, eq, gte, inArray, like, max, ne, or, sql } from 'drizzle-orm'
import { db } from '../client'
import { articles, auditLog, corrections, revisions, users } from '../schema'

// Plain reads with no auth: the admin pages that call them authorize first (requireStaff + canEditArticle).

/**
 * Other staff who opened or saved the article within the window, most recent first. `openedAt` is
 * their latest opening (null when they only saved), `lastSeenAt` their latest activity of either kind.
 */
export async function listRecentEditors(articleId: number, exceptUserId: number, withinMinutes = 10, now = new Date()) {
  const lastSeenAt = max(auditLog.createdAt)
  const rows = await db
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
  return rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt ?? now }))
}

/** An article's revisions, newest first, with who saved each and whether it matches the current text. */
export async function listRevisions(articleId: number) {
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
}

export async function getRevision(articleId: number, revisionId: number) {
  const [row] = await db
    .select({
      id: revisions.id,
      title: revisions.title,
      standfirst: revisions.standfirst,
      body: revisions.body,
      createdAt: revisions.createdAt,
    })
    .from(revisions)
    .where(and(eq(revisions.id, revisionId), eq(revisions.articleId, articleId)))
  return row
}

export async function countRevisions(articleId: number) {
  return (await db.select({ n: count() }).from(revisions).where(eq(revisions.articleId, articleId)))[0]?.n ?? 0
}

export async function listCorrections(articleId: number) {
  return db
    .select({ id: corrections.id, body: corrections.body, createdAt: corrections.createdAt })
    .from(corrections)
    .where(eq(corrections.articleId, articleId))
    .orderBy(asc(corrections.createdAt), asc(corrections.id))
}
