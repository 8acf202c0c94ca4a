import 'server-only'
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import { summaryText } from '@/lib/key-points'
import { db } from '../client'
import { articleAuthors, articles, articleSections, articleTags, categories, media, tags, users } from '../schema'

export type FeedScope =
  { kind: 'site' } | { kind: 'category'; ids: number[] } | { kind: 'tag'; id: number } | { kind: 'author'; id: number }

export type FeedArticle = {
  id: number
  slug: string
  title: string
  /** The standfirst, or the key points when there is none. */
  standfirst: string
  body: string
  publishedAt: Date
  updatedAt: Date
  category: { name: string; slug: string } | null
  secondarySections: { name: string; slug: string }[]
  authors: { name: string; slug: string | null }[]
  tags: { name: string; slug: string }[]
  image: { path: string; mimeType: string; bytes: number; width: number; height: number; alt: string } | null
}

const published = eq(articles.status, 'published')

function scopeWhere(scope: FeedScope): SQL | undefined {
  switch (scope.kind) {
    case 'site':
      return undefined
    case 'category':
      return or(
        inArray(articles.categoryId, scope.ids),
        inArray(
          articles.id,
          db
            .select({ id: articleSections.articleId })
            .from(articleSections)
            .where(inArray(articleSections.categoryId, scope.ids)),
        ),
      )
    case 'tag':
      return inArray(
        articles.id,
        db.select({ id: articleTags.articleId }).from(articleTags).where(eq(articleTags.tagId, scope.id)),
      )
    case 'author':
      return or(
        eq(articles.authorId, scope.id),
        inArray(
          articles.id,
          db.select({ id: articleAuthors.articleId }).from(articleAuthors).where(eq(articleAuthors.userId, scope.id)),
        ),
      )
  }
}

/** The newest published articles of a feed, with everything an item shows, in three more queries. */
export async function listFeedArticles(scope: FeedScope, limit = 20): Promise<FeedArticle[]> {
  const ids = (
    await db
      .select({ id: articles.id })
      .from(articles)
      .where(and(published, scopeWhere(scope)))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(limit)
  ).map((r) => r.id)
  if (ids.length === 0) return []

  const rows = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      standfirst: articles.standfirst,
      keyPoints: articles.keyPoints,
      keyPointsMode: articles.keyPointsMode,
      body: articles.body,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      authorId: articles.authorId,
      categoryName: categories.name,
      categorySlug: categories.slug,
      imagePath: media.path,
      imageType: media.mimeType,
      imageBytes: media.bytes,
      imageWidth: media.width,
      imageHeight: media.height,
      imageAlt: sql<string>`coalesce(${articles.imageAlt}, ${media.alt}, '')`,
    })
    .from(articles)
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(media, eq(media.id, articles.featuredImageId))
    .where(and(published, inArray(articles.id, ids)))

  const bylines = await db
    .select({ articleId: articleAuthors.articleId, userId: users.id, name: users.name, slug: users.slug })
    .from(articleAuthors)
    .innerJoin(users, eq(users.id, articleAuthors.userId))
    .where(inArray(articleAuthors.articleId, ids))
    .orderBy(asc(articleAuthors.position))
  const primary = await db
    .select({ id: users.id, name: users.name, slug: users.slug })
    .from(users)
    .where(inArray(users.id, [...new Set(rows.map((r) => r.authorId))]))
  const primaryById = new Map(primary.map((u) => [u.id, u]))
  const tagRows = await db
    .select({ articleId: articleTags.articleId, name: tags.name, slug: tags.slug })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(inArray(articleTags.articleId, ids))
    .orderBy(asc(tags.name))

  const sectionRows = await db
    .select({ articleId: articleSections.articleId, name: categories.name, slug: categories.slug })
    .from(articleSections)
    .innerJoin(categories, eq(categories.id, articleSections.categoryId))
    .where(inArray(articleSections.articleId, ids))
    .orderBy(asc(categories.name))

  const byId = new Map(
    rows.map((r): [number, FeedArticle] => {
      const lead = primaryById.get(r.authorId)
      const co = bylines.filter((b) => b.articleId === r.id && b.userId !== r.authorId)
      return [
        r.id,
        {
          id: r.id,
          slug: r.slug,
          title: r.title,
          standfirst: summaryText(r),
          body: r.body,
          publishedAt: r.publishedAt ?? new Date(0),
          updatedAt: r.updatedAt,
          category: r.categoryName && r.categorySlug ? { name: r.categoryName, slug: r.categorySlug } : null,
          secondarySections: sectionRows
            .filter((s) => s.articleId === r.id)
            .map((s) => ({ name: s.name, slug: s.slug })),
          authors: [...(lead ? [lead] : []), ...co].map((u) => ({ name: u.name, slug: u.slug })),
          tags: tagRows.filter((t) => t.articleId === r.id).map((t) => ({ name: t.name, slug: t.slug })),
          image:
            r.imagePath && r.imageType && r.imageBytes !== null && r.imageWidth && r.imageHeight
              ? {
                  path: r.imagePath,
                  mimeType: r.imageType,
                  bytes: r.imageBytes,
                  width: r.imageWidth,
                  height: r.imageHeight,
                  alt: r.imageAlt,
                }
              : null,
        },
      ]
    }),
  )
  return ids.flatMap((id) => byId.get(id) ?? [])
}
