import 'server-only'
import { and, asc, count, desc, eq, gte, lt, max, min, ne, sql } from 'drizzle-orm'
import { monthStartsBetween } from '@/lib/time'
import { db, prepared } from '../client'
import { greatest, rows as rawRows } from '../dialect'
import { articles, articleSections, categories, pages } from '../schema'

const published = eq(articles.status, 'published')
// An article changes when it is edited, and a scheduled one when it goes live.
const changedAt = greatest(articles.updatedAt, articles.publishedAt)
// Number(): PostgreSQL returns an aggregate of epoch milliseconds (bigint) as text.
const toDate = (ms: number | string | null | undefined) => (ms ? new Date(Number(ms)) : null)

/** Months with published articles (site timezone), newest first, with the latest change in each. */
export async function listSitemapMonths(timeZone: string) {
  const [span] = await db
    .select({ first: min(articles.publishedAt), last: max(articles.publishedAt) })
    .from(articles)
    .where(published)
  if (!span?.first || !span.last) return []
  const months = []
  for (const m of monthStartsBetween(span.first, span.last, timeZone)) {
    const row = await inMonth.get({ start: m.start.getTime(), end: m.end.getTime() })
    if (row && row.n > 0) months.push({ ...m, count: row.n, lastmod: toDate(row.lastmod) })
  }
  return months
}

const inMonth = prepared(() =>
  db
    .select({ n: count(), lastmod: sql<number | null>`max(${changedAt})`.mapWith(Number) })
    .from(articles)
    .where(
      and(
        published,
        gte(articles.publishedAt, sql.placeholder('start')),
        lt(articles.publishedAt, sql.placeholder('end')),
      ),
    ),
)

export async function listSitemapArticles(start: Date, end: Date, offset: number, limit: number) {
  const rows = await db
    .select({
      slug: articles.slug,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .where(and(published, gte(articles.publishedAt, start), lt(articles.publishedAt, end)))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(limit)
    .offset(offset)
  return rows.map((r) => ({
    slug: r.slug,
    publishedAt: r.publishedAt!,
    lastmod: r.updatedAt > r.publishedAt! ? r.updatedAt : r.publishedAt!,
  }))
}

/** Sections whose page lists something (their own articles or a subsection's), with the latest change. */
export async function listSitemapSections() {
  const rows = await db
    .select({ id: categories.id, slug: categories.slug, parentId: categories.parentId })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id))
  const own = new Map<number | null, number>()
  const primary = await db
    .select({ categoryId: articles.categoryId, lastmod: sql<number>`max(${changedAt})`.mapWith(Number) })
    .from(articles)
    .where(published)
    .groupBy(articles.categoryId)
  const secondary = await db
    .select({ categoryId: articleSections.categoryId, lastmod: sql<number>`max(${changedAt})`.mapWith(Number) })
    .from(articleSections)
    .innerJoin(articles, eq(articles.id, articleSections.articleId))
    .where(published)
    .groupBy(articleSections.categoryId)
  for (const r of [...primary, ...secondary]) own.set(r.categoryId, Math.max(own.get(r.categoryId) ?? 0, r.lastmod))
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]))
  const latest = new Map<number, number>()
  for (const r of rows) {
    const mine = own.get(r.id)
    if (!mine) continue
    // Walk up: a parent section's listing includes its subsections. The seen set guards against cycles.
    const seen = new Set<number>()
    for (let id: number | null | undefined = r.id; id != null && !seen.has(id); id = parentOf.get(id)) {
      seen.add(id)
      latest.set(id, Math.max(latest.get(id) ?? 0, mine))
    }
  }
  return rows.flatMap((r) => {
    const lastmod = latest.get(r.id)
    return lastmod ? [{ slug: r.slug, lastmod: new Date(lastmod) }] : []
  })
}

/** Tags with at least one published article. */
export async function listSitemapTags() {
  const rows = await rawRows<{ slug: string; lastmod: number | string }>(
    sql`SELECT t.slug AS slug, max(${greatest(sql`a.updated_at`, sql`a.published_at`)}) AS lastmod
          FROM tags t
          JOIN article_tags at ON at.tag_id = t.id
          JOIN articles a ON a.id = at.article_id AND a.status = 'published'
          GROUP BY t.id ORDER BY t.id`,
  )
  return rows.map((r) => ({ slug: r.slug, lastmod: new Date(Number(r.lastmod)) }))
}

/** People with a public profile and at least one published article, as lead or co-author. */
export async function listSitemapAuthors() {
  const rows = await rawRows<{ slug: string; lastmod: number | string }>(
    sql`SELECT u.slug AS slug, max(${greatest(sql`a.updated_at`, sql`a.published_at`)}) AS lastmod
          FROM users u
          JOIN (SELECT author_id AS user_id, id AS article_id FROM articles
                UNION SELECT user_id, article_id FROM article_authors) b ON b.user_id = u.id
          JOIN articles a ON a.id = b.article_id AND a.status = 'published'
          WHERE u.slug IS NOT NULL AND u.role != 'reader'
          GROUP BY u.id ORDER BY u.id`,
  )
  return rows.map((r) => ({ slug: r.slug, lastmod: new Date(Number(r.lastmod)) }))
}

export async function listSitemapPages() {
  return db
    .select({ slug: pages.slug, updatedAt: pages.updatedAt })
    .from(pages)
    .where(eq(pages.status, 'published'))
    .orderBy(asc(pages.position), asc(pages.id))
}

/** When the newest published article changed: the front page's lastmod. */
export async function getLatestArticleChange() {
  const [row] = await db
    .select({ lastmod: sql<number | null>`max(${changedAt})`.mapWith(Number) })
    .from(articles)
    .where(published)
  return toDate(row?.lastmod)
}

/** Articles for the Google News sitemap: published since the given instant, at most 1 000 by its rules. */
export async function listNewsArticles(since: Date) {
  const rows = await db
    .select({ slug: articles.slug, title: articles.title, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(published, gte(articles.publishedAt, since), ne(articles.title, '')))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(1000)
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt! }))
}
