import 'server-only'
import { and, asc, count, desc, eq, gt, gte, inArray, lt, max, min, ne, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { cache } from 'react'
import { monthStartsBetween } from '@/lib/time'
import { db } from '../client'
import { memoForContent } from './content-version'
import { articleAuthors, articles, articleTags, categories, corrections, media, tags, users } from '../schema'

export type ImageRef = {
  path: string
  width: number
  height: number
  variants: { width: number; height: number; path: string }[]
  alt: string
}

export type ArticleCard = {
  id: number
  slug: string
  title: string
  standfirst: string
  publishedAt: Date
  isBreaking: boolean
  category: { name: string; slug: string } | null
  author: { name: string; slug: string | null }
  image: ImageRef | null
}

export type Page<T> = { items: T[]; total: number; page: number; pageCount: number }

const published = eq(articles.status, 'published')

const cardColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  standfirst: articles.standfirst,
  publishedAt: articles.publishedAt,
  isBreaking: articles.isBreaking,
  categoryName: categories.name,
  categorySlug: categories.slug,
  authorName: users.name,
  authorSlug: users.slug,
  imagePath: media.path,
  imageWidth: media.width,
  imageHeight: media.height,
  imageVariants: media.variants,
  imageAlt: sql<string>`coalesce(${articles.imageAlt}, ${media.alt}, '')`,
}

type CardRow = {
  [K in keyof typeof cardColumns]: unknown
} & {
  id: number
  slug: string
  title: string
  standfirst: string
  publishedAt: Date | null
  isBreaking: boolean
  categoryName: string | null
  categorySlug: string | null
  authorName: string | null
  authorSlug: string | null
  imagePath: string | null
  imageWidth: number | null
  imageHeight: number | null
  imageVariants: ImageRef['variants'] | null
  imageAlt: string
}

function toCard(r: CardRow): ArticleCard {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    standfirst: r.standfirst,
    publishedAt: r.publishedAt ?? new Date(0),
    isBreaking: r.isBreaking,
    category: r.categoryName && r.categorySlug ? { name: r.categoryName, slug: r.categorySlug } : null,
    author: { name: r.authorName ?? '', slug: r.authorSlug },
    image:
      r.imagePath && r.imageWidth && r.imageHeight
        ? {
            path: r.imagePath,
            width: r.imageWidth,
            height: r.imageHeight,
            variants: r.imageVariants ?? [],
            alt: r.imageAlt,
          }
        : null,
  }
}

function cardQuery() {
  return db
    .select(cardColumns)
    .from(articles)
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .leftJoin(media, eq(media.id, articles.featuredImageId))
}

function cardsWhere(where: SQL | undefined, limit: number, offset = 0) {
  return cardQuery()
    .where(and(published, where))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => toCard(r as CardRow))
}

/**
 * One page of a published listing. Ids are paged on the index alone, then only that page's rows
 * are joined, so page 500 costs an index walk rather than 5 000 joined rows.
 */
function pageOf(where: SQL | undefined, page: number, perPage: number): Page<ArticleCard> {
  const total = db.select({ n: count() }).from(articles).where(and(published, where)).get()?.n ?? 0
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  const ids = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(published, where))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all()
    .map((r) => r.id)
  return { items: cardsByIds(ids), total, page, pageCount }
}

function cardsByIds(ids: number[]): ArticleCard[] {
  if (ids.length === 0) return []
  const rows = cardQuery()
    .where(inArray(articles.id, ids))
    .all()
    .map((r) => toCard(r as CardRow))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export const listLatestArticles = cache((limit: number, offset = 0) => cardsWhere(undefined, limit, offset))

export const listBreakingArticles = cache((limit: number) => cardsWhere(eq(articles.isBreaking, true), limit))

export const listFeaturedArticles = cache((limit: number) => cardsWhere(eq(articles.isFeatured, true), limit))

export function listCategoryArticles(categoryIds: number[], limit: number) {
  return cardsWhere(
    categoryIds.length === 1 ? eq(articles.categoryId, categoryIds[0]!) : inArray(articles.categoryId, categoryIds),
    limit,
  )
}

export function pageCategoryArticles(categoryIds: number[], page: number, perPage: number) {
  return pageOf(
    categoryIds.length === 1 ? eq(articles.categoryId, categoryIds[0]!) : inArray(articles.categoryId, categoryIds),
    page,
    perPage,
  )
}

export function pageTagArticles(tagId: number, page: number, perPage: number) {
  return pageOf(
    inArray(
      articles.id,
      db.select({ id: articleTags.articleId }).from(articleTags).where(eq(articleTags.tagId, tagId)),
    ),
    page,
    perPage,
  )
}

export function pageAuthorArticles(userId: number, page: number, perPage: number) {
  return pageOf(
    or(
      eq(articles.authorId, userId),
      inArray(
        articles.id,
        db.select({ id: articleAuthors.articleId }).from(articleAuthors).where(eq(articleAuthors.userId, userId)),
      ),
    ),
    page,
    perPage,
  )
}

export function pageArticlesBetween(start: Date, end: Date, page: number, perPage: number) {
  return pageOf(and(gte(articles.publishedAt, start), lt(articles.publishedAt, end)), page, perPage)
}

/** An article with everything its page shows, whatever its status; public callers filter on status. */
function loadArticleView(where: SQL) {
  const row = db.query.articles
    .findFirst({
      where,
      columns: {
        id: true,
        slug: true,
        title: true,
        standfirst: true,
        body: true,
        bodyText: true,
        status: true,
        authorId: true,
        publishedAt: true,
        updatedAt: true,
        imageAlt: true,
        imageCaption: true,
        imageCredit: true,
        sourceUrl: true,
        sourceName: true,
        isBreaking: true,
        seoTitle: true,
        seoDescription: true,
        categoryId: true,
        commentsOpen: true,
        keyPoints: true,
        keyPointsMode: true,
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

export type ArticleView = NonNullable<ReturnType<typeof loadArticleView>>

export const getPublishedArticleBySlug = cache((slug: string) => {
  const article = loadArticleView(and(eq(articles.slug, slug), published)!)
  return article?.publishedAt ? { ...article, publishedAt: article.publishedAt } : undefined
})

/** Any article by id, for the staff preview; the caller authorizes. */
export function getArticleViewById(id: number) {
  return loadArticleView(eq(articles.id, id))
}

export type FullArticle = NonNullable<ReturnType<typeof getPublishedArticleBySlug>>

/** The published neighbours of an article in publication order. */
export function getAdjacentArticles(article: { id: number; publishedAt: Date }) {
  const at = article.publishedAt
  const older = cardQuery()
    .where(
      and(published, or(lt(articles.publishedAt, at), and(eq(articles.publishedAt, at), lt(articles.id, article.id)))),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(1)
    .get()
  const newer = cardQuery()
    .where(
      and(published, or(gt(articles.publishedAt, at), and(eq(articles.publishedAt, at), gt(articles.id, article.id)))),
    )
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(1)
    .get()
  return {
    previous: older ? toCard(older as CardRow) : null,
    next: newer ? toCard(newer as CardRow) : null,
  }
}

export function listRelatedInCategory(article: { id: number; categoryId: number | null }, limit: number) {
  if (!article.categoryId) return []
  return cardsWhere(and(eq(articles.categoryId, article.categoryId), ne(articles.id, article.id)), limit)
}

/** Articles sharing the most tags with this one, newest first among equals. */
export function listRelatedByTags(article: { id: number; tagIds: number[] }, excludeIds: number[], limit: number) {
  if (article.tagIds.length === 0) return []
  const other = alias(articleTags, 'other')
  const shared = db
    .select({ id: other.articleId, n: count().as('n') })
    .from(other)
    .innerJoin(articles, eq(articles.id, other.articleId))
    .where(
      and(
        inArray(other.tagId, article.tagIds),
        // Only each tag's most recent articles are candidates, so a tag with thousands of
        // articles costs no more than a small one.
        sql`${other.articleId} IN (${sql.join(
          article.tagIds.map(
            (tagId) =>
              sql`SELECT * FROM (SELECT article_id FROM ${articleTags} WHERE tag_id = ${tagId} ORDER BY article_id DESC LIMIT 200)`,
          ),
          sql` UNION ALL `,
        )})`,
        published,
        ne(other.articleId, article.id),
        excludeIds.length ? sql`${other.articleId} NOT IN ${excludeIds}` : undefined,
      ),
    )
    .groupBy(other.articleId)
    .orderBy(desc(sql`n`), desc(max(articles.publishedAt)))
    .limit(limit)
    .all()
  return cardsByIds(shared.map((s) => s.id))
}

/** Months that have published articles, with counts, newest first (site timezone). */
export const listArchiveMonths = cache((timeZone: string) =>
  memoForContent(`archive-months:${timeZone}`, () => archiveMonths(timeZone)),
)

function archiveMonths(timeZone: string) {
  const span = db
    .select({ first: min(articles.publishedAt), last: max(articles.publishedAt) })
    .from(articles)
    .where(published)
    .get()
  if (!span?.first || !span.last) return []
  const countBetween = db
    .select({ n: count() })
    .from(articles)
    .where(
      and(
        published,
        gte(articles.publishedAt, sql.placeholder('start')),
        lt(articles.publishedAt, sql.placeholder('end')),
      ),
    )
    .prepare()
  return monthStartsBetween(span.first, span.last, timeZone)
    .map((m) => ({
      year: m.year,
      month: m.month,
      count: countBetween.get({ start: m.start.getTime(), end: m.end.getTime() })?.n ?? 0,
    }))
    .filter((m) => m.count > 0)
}

/** The tag ids of an article, for "More Related Articles". */
export function listArticleTagIds(articleId: number) {
  return db
    .select({ id: articleTags.tagId })
    .from(articleTags)
    .where(eq(articleTags.articleId, articleId))
    .all()
    .map((r) => r.id)
}

export const getTagBySlug = cache((slug: string) =>
  db
    .select({ id: tags.id, name: tags.name, slug: tags.slug, description: tags.description })
    .from(tags)
    .where(eq(tags.slug, slug))
    .get(),
)

export const getAuthorBySlug = cache((slug: string) =>
  db.query.users
    .findFirst({
      where: and(eq(users.slug, slug), ne(users.role, 'reader')),
      columns: { id: true, name: true, slug: true, bio: true, jobTitle: true },
      with: { avatar: { columns: { path: true, width: true, height: true, variants: true } } },
    })
    .sync(),
)

/** Where an article used to live: a published article whose slug matches, whatever its date. */
export function getPublishedArticleDate(slug: string) {
  return db
    .select({ slug: articles.slug, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(eq(articles.slug, slug), published))
    .get()
}

/** What an article's share image shows; published articles only. */
export function getShareArticle(id: number) {
  const row = db
    .select({
      id: articles.id,
      title: articles.title,
      updatedAt: articles.updatedAt,
      categoryName: categories.name,
      imageVariants: media.variants,
      imagePath: media.path,
    })
    .from(articles)
    .leftJoin(categories, eq(categories.id, articles.categoryId))
    .leftJoin(media, eq(media.id, articles.featuredImageId))
    .where(and(eq(articles.id, id), published))
    .get()
  if (!row) return undefined
  const rendition = row.imageVariants?.find((v) => v.width >= 1200) ?? row.imageVariants?.at(-1)
  return {
    id: row.id,
    title: row.title,
    updatedAt: row.updatedAt,
    section: row.categoryName,
    imagePath: rendition?.path ?? row.imagePath,
  }
}
