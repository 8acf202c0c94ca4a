// No 'server-only': the digest runner is also started by `npm run digest` outside Next.
import { and, asc, desc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm'
import type { Executor } from '../client'
import {
  articles,
  articleSections,
  articleTags,
  categories,
  comments,
  digestSections,
  digestSends,
  digestSubscriptions,
  digestTags,
  tags,
  users,
} from '../schema'

/** A reader's digest choices, or undefined before they made any. */
export function getDigestSubscription(db: Executor, userId: number) {
  const sub = db.select().from(digestSubscriptions).where(eq(digestSubscriptions.userId, userId)).get()
  if (!sub) return undefined
  const sectionIds = db
    .select({ id: digestSections.categoryId })
    .from(digestSections)
    .where(eq(digestSections.userId, userId))
    .all()
    .map((r) => r.id)
  const tagIds = db
    .select({ id: digestTags.tagId })
    .from(digestTags)
    .where(eq(digestTags.userId, userId))
    .all()
    .map((r) => r.id)
  return { ...sub, sectionIds, tagIds }
}

/** What a reader may follow: every section and the tags in use on published articles. */
export function listDigestChoices(db: Executor) {
  return {
    sections: db
      .select({ id: categories.id, name: categories.name, parentId: categories.parentId })
      .from(categories)
      .orderBy(asc(categories.position), asc(categories.name))
      .all(),
    tags: db
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(
        inArray(
          tags.id,
          db
            .select({ id: articleTags.tagId })
            .from(articleTags)
            .innerJoin(articles, eq(articles.id, articleTags.articleId))
            .where(eq(articles.status, 'published')),
        ),
      )
      .all()
      // SQLite's ORDER BY puts every capital before "a"; readers expect the dictionary's order.
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
  }
}

/** Active readers with a digest switched on, with their address. */
export function listActiveDigestSubscriptions(db: Executor) {
  return db
    .select({
      userId: digestSubscriptions.userId,
      frequency: digestSubscriptions.frequency,
      hour: digestSubscriptions.hour,
      timezone: digestSubscriptions.timezone,
      coveredUntil: digestSubscriptions.coveredUntil,
      createdAt: digestSubscriptions.createdAt,
      email: users.email,
      name: users.name,
    })
    .from(digestSubscriptions)
    .innerJoin(users, eq(users.id, digestSubscriptions.userId))
    .where(and(ne(digestSubscriptions.frequency, 'off'), eq(users.status, 'active')))
    .orderBy(asc(digestSubscriptions.userId))
    .all()
}

export function getDigestSend(db: Executor, userId: number, slot: string) {
  return db
    .select({ id: digestSends.id, status: digestSends.status })
    .from(digestSends)
    .where(and(eq(digestSends.userId, userId), eq(digestSends.slot, slot)))
    .get()
}

export type DigestCandidate = {
  id: number
  title: string
  slug: string
  standfirst: string
  publishedAt: Date
  keyPoints: string[] | null
  keyPointsMode: 'auto' | 'edited' | 'off'
  isFeatured: boolean
  categoryId: number | null
  categoryName: string | null
  parentId: number | null
  /** The sections it is also listed in, besides its primary one. */
  secondarySections: { id: number; name: string; parentId: number | null }[]
}

/**
 * The top published stories in (from, to] from the reader's sections (and their subsections) and
 * tags: featured first, then the most read, then the most discussed, then the newest. Each article
 * once, however many of the reader's sections and tags it matches.
 */
export function listDigestStories(
  db: Executor,
  follow: { sectionIds: number[]; tagIds: number[] },
  window: { from: Date; to: Date },
  limit = 10,
): DigestCandidate[] {
  if (follow.sectionIds.length === 0 && follow.tagIds.length === 0) return []
  const matches = []
  if (follow.sectionIds.length) {
    const subsections = db
      .select({ id: categories.id })
      .from(categories)
      .where(inArray(categories.parentId, follow.sectionIds))
    matches.push(inArray(articles.categoryId, follow.sectionIds))
    matches.push(inArray(articles.categoryId, subsections))
    matches.push(
      inArray(
        articles.id,
        db
          .select({ id: articleSections.articleId })
          .from(articleSections)
          .where(
            or(
              inArray(articleSections.categoryId, follow.sectionIds),
              inArray(articleSections.categoryId, subsections),
            ),
          ),
      ),
    )
  }
  if (follow.tagIds.length)
    matches.push(
      inArray(
        articles.id,
        db.select({ id: articleTags.articleId }).from(articleTags).where(inArray(articleTags.tagId, follow.tagIds)),
      ),
    )
  const commentCount = sql<number>`(SELECT count(*) FROM ${comments} WHERE ${comments.articleId} = ${articles.id} AND ${comments.status} = 'approved')`
  const stories = db
    .select({
      id: articles.id,
      title: articles.title,
      slug: articles.slug,
      standfirst: articles.standfirst,
      publishedAt: sql<Date>`${articles.publishedAt}`.mapWith(articles.publishedAt),
      keyPoints: articles.keyPoints,
      keyPointsMode: articles.keyPointsMode,
      isFeatured: articles.isFeatured,
      categoryId: articles.categoryId,
      categoryName: categories.name,
      parentId: categories.parentId,
    })
    .from(articles)
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .where(
      and(
        eq(articles.status, 'published'),
        gt(articles.publishedAt, window.from),
        lte(articles.publishedAt, window.to),
        or(...matches),
      ),
    )
    .orderBy(desc(articles.isFeatured), desc(articles.viewCount), desc(commentCount), desc(articles.publishedAt))
    .limit(limit)
    .all()
  if (stories.length === 0) return []
  const secondary = db
    .select({
      articleId: articleSections.articleId,
      id: categories.id,
      name: categories.name,
      parentId: categories.parentId,
    })
    .from(articleSections)
    .innerJoin(categories, eq(categories.id, articleSections.categoryId))
    .where(
      inArray(
        articleSections.articleId,
        stories.map((s) => s.id),
      ),
    )
    .orderBy(asc(categories.position), asc(categories.name))
    .all()
  return stories.map((s) => ({
    ...s,
    secondarySections: secondary
      .filter((c) => c.articleId === s.id)
      .map(({ id, name, parentId }) => ({ id, name, parentId })),
  }))
}

/** The address an unsubscribe link was made for, to check its signature. */
export function getDigestReader(db: Executor, userId: number) {
  return db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId)).get()
}
