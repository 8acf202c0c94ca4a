// No 'server-only': the digest runner is also started by `npm run digest` outside Next.
import { and, asc, desc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm'
import { db } from '../client'
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
export async function getDigestSubscription(userId: number) {
  const [sub] = await db.select().from(digestSubscriptions).where(eq(digestSubscriptions.userId, userId)).limit(1)
  if (!sub) return undefined
  const sections = await db
    .select({ id: digestSections.categoryId })
    .from(digestSections)
    .where(eq(digestSections.userId, userId))
  const tags = await db.select({ id: digestTags.tagId }).from(digestTags).where(eq(digestTags.userId, userId))
  return { ...sub, sectionIds: sections.map((r) => r.id), tagIds: tags.map((r) => r.id) }
}

/** What a reader may follow: every section and the tags in use on published articles. */
export async function listDigestChoices() {
  const sections = await db
    .select({ id: categories.id, name: categories.name, parentId: categories.parentId })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name))
  const used = await db
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
  return {
    sections,
    // SQLite's ORDER BY puts every capital before "a"; readers expect the dictionary's order.
    tags: used.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
  }
}

/** Active readers with a digest switched on, with their address. */
export async function listActiveDigestSubscriptions() {
  return await db
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
}

export async function getDigestSend(userId: number, slot: string) {
  const [send] = await db
    .select({ id: digestSends.id, status: digestSends.status })
    .from(digestSends)
    .where(and(eq(digestSends.userId, userId), eq(digestSends.slot, slot)))
    .limit(1)
  return send
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
export async function listDigestStories(
  follow: { sectionIds: number[]; tagIds: number[] },
  window: { from: Date; to: Date },
  limit = 10,
): Promise<DigestCandidate[]> {
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
  const commentCount =
    sql<number>`(SELECT count(*) FROM ${comments} WHERE ${comments.articleId} = ${articles.id} AND ${comments.status} = 'approved')`.mapWith(
      Number,
    )
  const stories = await db
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
  if (stories.length === 0) return []
  const secondary = await db
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
  return stories.map((s) => ({
    ...s,
    secondarySections: secondary
      .filter((c) => c.articleId === s.id)
      .map(({ id, name, parentId }) => ({ id, name, parentId })),
  }))
}

/** The address an unsubscribe link was made for, to check its signature. */
export async function getDigestReader(userId: number) {
  const [reader] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1)
  return reader
}
