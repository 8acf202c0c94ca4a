import 'server-only'
import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, max, min, ne, not, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { cache } from 'react'
import { monthStartsBetween } from '@/lib/time'
import { currentEngine, db, prepared } from '../client'
import { inJsonIds } from '../dialect'
import { memoForContent } from './content-version'
import {
  articleAuthors,
  articles,
  articleSections,
  articleTags,
  categories,
  corrections,
  media,
  tags,
  users,
} from '../schema'

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

// Values of compiled queries come in through placeholders; dates as epoch milliseconds.
const ph = sql.placeholder

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

const newestFirst = [desc(articles.publishedAt), desc(articles.id)] as const

/** Newest published cards, optionally only breaking or featured ones: the front page and sidebar. */
const newestCards = {
  all: prepared(() =>
    cardQuery()
      .where(published)
      .orderBy(...newestFirst)
      .limit(ph('limit'))
      .offset(ph('offset')),
  ),
  breaking: prepared(() =>
    cardQuery()
      .where(and(published, eq(articles.isBreaking, true)))
      .orderBy(...newestFirst)
      .limit(ph('limit'))
      .offset(ph('offset')),
  ),
  featured: prepared(() =>
    cardQuery()
      .where(and(published, eq(articles.isFeatured, true)))
      .orderBy(...newestFirst)
      .limit(ph('limit'))
      .offset(ph('offset')),
  ),
}

async function newest(kind: keyof typeof newestCards, limit: number, offset = 0) {
  return (await newestCards[kind].all({ limit, offset })).map((r) => toCard(r as CardRow))
}

async function cardsWhere(where: SQL | undefined, limit: number, offset = 0) {
  const rows = await cardQuery()
    .where(and(published, where))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .offset(offset)
  return rows.map((r) => toCard(r as CardRow))
}

/** A paged listing over several sections, whose query changes with their number. */
async function pageOf(where: SQL | undefined, page: number, perPage: number): Promise<Page<ArticleCard>> {
  const total = (await db.select({ n: count() }).from(articles).where(and(published, where)))[0]?.n ?? 0
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  const ids = (
    await db
      .select({ id: articles.id })
      .from(articles)
      .where(and(published, where))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(perPage)
      .offset((page - 1) * perPage)
  ).map((r) => r.id)
  return { items: await cardsByIds(ids), total, page, pageCount }
}

const cardsByIdsQuery = prepared(() => cardQuery().where(inJsonIds(articles.id, ph('ids'))))

async function cardsByIds(ids: number[]): Promise<ArticleCard[]> {
  if (ids.length === 0) return []
  const rows = (await cardsByIdsQuery.all({ ids: JSON.stringify(ids) })).map((r) => toCard(r as CardRow))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export const listLatestArticles = cache((limit: number, offset = 0) => newest('all', limit, offset))

export const listBreakingArticles = cache((limit: number) => newest('breaking', limit))

export const listFeaturedArticles = cache((limit: number) => newest('featured', limit))

/** Articles whose primary section or one of whose secondary sections is among `categoryIds`. */
function inSections(categoryIds: number[]) {
  return or(
    inArray(articles.categoryId, categoryIds),
    inArray(
      articles.id,
      db
        .select({ id: articleSections.articleId })
        .from(articleSections)
        .where(inArray(articleSections.categoryId, categoryIds)),
    ),
  )
}

export async function listCategoryArticles(categoryIds: number[], limit: number) {
  if (categoryIds.length === 1)
    return cardsByIds(
      (await newestInSection.all({ category: categoryIds[0]!, except: 0, limit, upTo: limit, offset: 0 })).map(
        (r) => r.id,
      ),
    )
  return cardsWhere(inSections(categoryIds), limit)
}

/** The two compiled queries of a paged listing: how many, and the ids of one page. */
function listing(where: () => SQL) {
  return {
    count: prepared(() => db.select({ n: count() }).from(articles).where(and(published, where()))),
    ids: prepared(() =>
      db
        .select({ id: articles.id })
        .from(articles)
        .where(and(published, where()))
        .orderBy(...newestFirst)
        .limit(ph('limit'))
        .offset(ph('offset')),
    ),
  }
}

/**
 * A listing with two sides that share no article, newest first: a section's articles by primary
 * section and those listed there as a secondary one (a trigger keeps an article's primary section
 * out of its secondary ones), or an author's own articles and their co-bylines on others'. An OR
 * of the two can use no index on PostgreSQL, which then reads the whole table (1.3 s to count a
 * 12 000-article section of 100 000), and makes SQLite sort the whole listing. So the ids are one
 * compound SELECT, UNION ALL as there are no duplicates to drop (a UNION sorts everything to find
 * them), whose first side walks an index already in order and stops at the page. PostgreSQL reads
 * both sides whole under the outer ORDER BY (0.9 s for that section), so there each side is also
 * ordered and cut at the page's end (`upTo`); SQLite has no parenthesised sides and stops on its
 * own. The count is the two sides' counts added, each an index range.
 */
function twoSidedListing(
  own: () => SQL,
  listed: { table: typeof articleSections | typeof articleAuthors; on: () => SQL; where: () => SQL },
) {
  const ownSide = () =>
    db
      .select({ id: articles.id, publishedAt: articles.publishedAt })
      .from(articles)
      .where(and(own(), published, ne(articles.id, ph('except'))))
  const listedSide = () =>
    db
      .select({ id: articles.id, publishedAt: articles.publishedAt })
      .from(listed.table)
      .innerJoin(articles, listed.on())
      .where(and(listed.where(), published, ne(articles.id, ph('except'))))
  const ids = prepared(() => {
    const first = ownSide().$dynamic()
    // The same columns from a join: typed as the first side, since drizzle types each side by its tables.
    const second = listedSide().$dynamic() as unknown as typeof first
    const cut = (side: typeof first) =>
      currentEngine() === 'postgres' ? side.orderBy(...newestFirst).limit(ph('upTo')) : side
    return (
      cut(first)
        .unionAll(cut(second))
        // Fresh terms: drizzle rewrites the columns of a compound ORDER BY in place.
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(ph('limit'))
        .offset(ph('offset'))
    )
  })
  const ownCount = prepared(() => db.select({ n: count() }).from(articles).where(and(published, own())))
  const listedCount = prepared(() =>
    db.select({ n: count() }).from(listed.table).innerJoin(articles, listed.on()).where(and(published, listed.where())),
  )
  return {
    ids,
    count: {
      async get(values: Record<string, number>) {
        const [a, b] = await Promise.all([ownCount.get(values), listedCount.get(values)])
        return { n: (a?.n ?? 0) + (b?.n ?? 0) }
      },
    },
  }
}

const sectionListing = twoSidedListing(() => eq(articles.categoryId, ph('category')), {
  table: articleSections,
  on: () => eq(articles.id, articleSections.articleId),
  where: () => eq(articleSections.categoryId, ph('category')),
})
/** The articles of a section, also for "Related Posts" beside an article, which leaves itself out. */
const newestInSection = sectionListing.ids

const tagListing = listing(() =>
  inArray(
    articles.id,
    db
      .select({ id: articleTags.articleId })
      .from(articleTags)
      .where(eq(articleTags.tagId, ph('tag'))),
  ),
)
// The byline list holds the author too (first); the second side is the co-bylines on others' articles.
const authorListing = twoSidedListing(() => eq(articles.authorId, ph('author')), {
  table: articleAuthors,
  on: () => and(eq(articles.id, articleAuthors.articleId), ne(articles.authorId, articleAuthors.userId))!,
  where: () => eq(articleAuthors.userId, ph('author')),
})
const periodListing = listing(() => and(gte(articles.publishedAt, ph('start')), lt(articles.publishedAt, ph('end')))!)

/**
 * One page of a published listing. Ids are paged on the index alone, then only that page's rows
 * are joined, so page 500 costs an index walk rather than 5 000 joined rows.
 */
async function pageOfListing(
  {
    count: total,
    ids,
  }: {
    count: { get: (values: Record<string, number>) => Promise<{ n: number } | undefined> }
    ids: { all: (values: Record<string, number>) => Promise<{ id: number }[]> }
  },
  values: Record<string, number>,
  page: number,
  perPage: number,
): Promise<Page<ArticleCard>> {
  const n = (await total.get(values))?.n ?? 0
  const offset = (page - 1) * perPage
  const pageIds = (await ids.all({ ...values, limit: perPage, upTo: offset + perPage, offset })).map((r) => r.id)
  return { items: await cardsByIds(pageIds), total: n, page, pageCount: Math.max(1, Math.ceil(n / perPage)) }
}

export async function pageCategoryArticles(categoryIds: number[], page: number, perPage: number) {
  if (categoryIds.length === 1)
    return pageOfListing(sectionListing, { category: categoryIds[0]!, except: 0 }, page, perPage)
  return pageOf(inSections(categoryIds), page, perPage)
}

export async function pageTagArticles(tagId: number, page: number, perPage: number) {
  return pageOfListing(tagListing, { tag: tagId }, page, perPage)
}

export async function pageAuthorArticles(userId: number, page: number, perPage: number) {
  return pageOfListing(authorListing, { author: userId, except: 0 }, page, perPage)
}

export async function pageArticlesBetween(start: Date, end: Date, page: number, perPage: number) {
  return pageOfListing(periodListing, { start: start.getTime(), end: end.getTime() }, page, perPage)
}

/** An article with everything its page shows, whatever its status; public callers filter on status. */
function articleViewQuery(where: SQL) {
  return db.query.articles.findFirst({
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
      articleSections: { with: { category: { columns: { id: true, name: true, slug: true } } } },
      corrections: { columns: { id: true, body: true, createdAt: true }, orderBy: asc(corrections.createdAt) },
    },
  })
}

const publishedArticleBySlug = prepared(() => articleViewQuery(and(eq(articles.slug, ph('slug')), published)!))
const articleViewById = prepared(() => articleViewQuery(eq(articles.id, ph('id'))))

function toArticleView(row: Awaited<ReturnType<(typeof articleViewById)['get']>>) {
  if (!row) return undefined
  const {
    featuredImage: img,
    articleAuthors: coAuthors,
    articleTags: tagRows,
    articleSections: sectionRows,
    ...rest
  } = row
  return {
    ...rest,
    authors: [row.author, ...coAuthors.map((a) => a.user).filter((u) => u.id !== row.author.id)],
    tags: tagRows.map((t) => t.tag).sort((a, b) => a.name.localeCompare(b.name)),
    /** Sections the article is also listed in besides `category`, by name. */
    secondarySections: sectionRows
      .map((s) => s.category)
      .filter((c) => c.id !== row.category?.id)
      .sort((a, b) => a.name.localeCompare(b.name)),
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

export type ArticleView = NonNullable<ReturnType<typeof toArticleView>>

export const getPublishedArticleBySlug = cache(async (slug: string) => {
  const article = toArticleView(await publishedArticleBySlug.get({ slug }))
  return article?.publishedAt ? { ...article, publishedAt: article.publishedAt } : undefined
})

/** Any article by id, for the staff preview; the caller authorizes. */
export async function getArticleViewById(id: number) {
  return toArticleView(await articleViewById.get({ id }))
}

export type FullArticle = NonNullable<Awaited<ReturnType<typeof getPublishedArticleBySlug>>>

const olderNeighbour = prepared(() =>
  cardQuery()
    .where(
      and(
        published,
        // Implied by the OR below, but a bound the index can start from: PostgreSQL's planner
        // does not derive it, and walked every article before this one without it.
        lte(articles.publishedAt, ph('at')),
        or(lt(articles.publishedAt, ph('at')), and(eq(articles.publishedAt, ph('at')), lt(articles.id, ph('id')))),
      ),
    )
    .orderBy(...newestFirst)
    .limit(1),
)
const newerNeighbour = prepared(() =>
  cardQuery()
    .where(
      and(
        published,
        gte(articles.publishedAt, ph('at')),
        or(gt(articles.publishedAt, ph('at')), and(eq(articles.publishedAt, ph('at')), gt(articles.id, ph('id')))),
      ),
    )
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(1),
)

/** The published neighbours of an article in publication order. */
export async function getAdjacentArticles(article: { id: number; publishedAt: Date }) {
  const at = { at: article.publishedAt.getTime(), id: article.id }
  const older = await olderNeighbour.get(at)
  const newer = await newerNeighbour.get(at)
  return {
    previous: older ? toCard(older as CardRow) : null,
    next: newer ? toCard(newer as CardRow) : null,
  }
}

export async function listRelatedInCategory(article: { id: number; categoryId: number | null }, limit: number) {
  if (!article.categoryId) return []
  return cardsByIds(
    (
      await newestInSection.all({ category: article.categoryId, except: article.id, limit, upTo: limit, offset: 0 })
    ).map((r) => r.id),
  )
}

/**
 * Compiled queries per number of tags: each tag has its own bounded candidate list. The first
 * reads the articles table only for the candidates sharing the most tags: a candidate's status
 * and date sit past its body in the row, so on SQLite each one read is a walk through the row's
 * overflow pages, and reading all of them (up to 200 per tag) was 3-5 ms of an article render.
 * The second, over every candidate, answers when too few of those are published (a desk with many
 * tagged drafts) or a tag is small.
 */
const relatedByTagsQueries = new Map<number, { top: RelatedByTags; all: RelatedByTags }>()
type RelatedByTags = ReturnType<typeof relatedByTags>

// Enough for four related stories past drafts, scheduled ones and those already shown beside them.
const relatedCandidatesRead = 40

const relatedByTags = (tagCount: number, readAll: boolean) => prepared(() => relatedByTagsQuery(tagCount, readAll))

function relatedByTagsQuery(tagCount: number, readAll: boolean) {
  const other = alias(articleTags, 'other')
  const slots = Array.from({ length: tagCount }, (_, i) => ph(`tag${i}`))
  const shared = db
    .select({ id: other.articleId, n: count().as('n') })
    .from(other)
    .where(
      and(
        // The tags as a list of values, not a JSON array: PostgreSQL cannot estimate how many ids
        // an array holds and then walks all of article_tags.
        sql`${other.tagId} IN (${sql.join(slots, sql`, `)})`,
        // Only each tag's most recent articles are candidates, so a tag with thousands of
        // articles costs no more than a small one.
        sql`${other.articleId} IN (${sql.join(
          slots.map(
            (tag, i) =>
              sql`SELECT * FROM (SELECT article_id FROM ${articleTags} WHERE tag_id = ${tag} ORDER BY article_id DESC LIMIT 200) AS ${sql.raw(`t${i}`)}`,
          ),
          sql` UNION ALL `,
        )})`,
        ne(other.articleId, ph('except')),
        not(inJsonIds(other.articleId, ph('exclude'))),
      ),
    )
    .groupBy(other.articleId)
  const candidates = (
    readAll ? shared : shared.orderBy(desc(sql`n`), desc(other.articleId)).limit(relatedCandidatesRead)
  ).as('candidates')
  return db
    .select({ id: candidates.id })
    .from(candidates)
    .innerJoin(articles, eq(articles.id, candidates.id))
    .where(published)
    .orderBy(desc(candidates.n), desc(articles.publishedAt))
    .limit(ph('limit'))
}

/** Articles sharing the most tags with this one, newest first among equals. */
export async function listRelatedByTags(
  article: { id: number; tagIds: number[] },
  excludeIds: number[],
  limit: number,
) {
  const tagCount = article.tagIds.length
  if (tagCount === 0) return []
  let queries = relatedByTagsQueries.get(tagCount)
  if (!queries)
    relatedByTagsQueries.set(
      tagCount,
      (queries = { top: relatedByTags(tagCount, false), all: relatedByTags(tagCount, true) }),
    )
  const values = {
    ...Object.fromEntries(article.tagIds.map((id, i) => [`tag${i}`, id])),
    except: article.id,
    exclude: JSON.stringify(excludeIds),
    limit,
  }
  let shared = await queries.top.all(values)
  if (shared.length < limit) shared = await queries.all.all(values)
  return cardsByIds(shared.map((s) => s.id))
}

/** Months that have published articles, with counts, newest first (site timezone). */
export const listArchiveMonths = cache((timeZone: string) =>
  memoForContent(`archive-months:${timeZone}`, () => archiveMonths(timeZone)),
)

async function archiveMonths(timeZone: string) {
  const [span] = await db
    .select({ first: min(articles.publishedAt), last: max(articles.publishedAt) })
    .from(articles)
    .where(published)
  if (!span?.first || !span.last) return []
  const months = []
  for (const m of monthStartsBetween(span.first, span.last, timeZone)) {
    const count = (await publishedBetween.get({ start: m.start.getTime(), end: m.end.getTime() }))?.n ?? 0
    if (count > 0) months.push({ year: m.year, month: m.month, count })
  }
  return months
}

const publishedBetween = prepared(() =>
  db
    .select({ n: count() })
    .from(articles)
    .where(and(published, gte(articles.publishedAt, ph('start')), lt(articles.publishedAt, ph('end')))),
)

/** The tag ids of an article, for "More Related Articles". */
export async function listArticleTagIds(articleId: number) {
  const rows = await db.select({ id: articleTags.tagId }).from(articleTags).where(eq(articleTags.articleId, articleId))
  return rows.map((r) => r.id)
}

export const getTagBySlug = cache(
  async (slug: string) =>
    (
      await db
        .select({ id: tags.id, name: tags.name, slug: tags.slug, description: tags.description })
        .from(tags)
        .where(eq(tags.slug, slug))
        .limit(1)
    )[0],
)

export const getAuthorBySlug = cache(async (slug: string) =>
  db.query.users.findFirst({
    where: and(eq(users.slug, slug), ne(users.role, 'reader')),
    columns: { id: true, name: true, slug: true, bio: true, jobTitle: true },
    with: { avatar: { columns: { path: true, width: true, height: true, variants: true } } },
  }),
)

/** Where an article used to live: a published article whose slug matches, whatever its date. */
export async function getPublishedArticleDate(slug: string) {
  return (
    await db
      .select({ slug: articles.slug, publishedAt: articles.publishedAt })
      .from(articles)
      .where(and(eq(articles.slug, slug), published))
      .limit(1)
  )[0]
}

/** What an article's share image shows; published articles only. */
export async function getShareArticle(id: number) {
  const [row] = await db
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
    .limit(1)
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
