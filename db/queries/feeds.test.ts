import { and, eq, ne } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { articleAuthors, articles, categories } from '../schema'
import { firstRow } from '../test-fixtures'
import { seedDatabase } from '@/services/seed/seed'
import { listLatestArticles } from './articles'
import { categoryTreeIds, getCategoryBySlug } from './categories'
import { getContentVersion } from './content-version'
import { listFeedArticles } from './feeds'
import {
  listNewsArticles,
  listSitemapArticles,
  listSitemapAuthors,
  listSitemapMonths,
  listSitemapSections,
  listSitemapTags,
} from './sitemaps'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

const tz = 'Asia/Kolkata'
const now = new Date('2026-06-15T12:00:00Z')

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 60, images: 2, now, adminPassword: 'unit-test-password' })
})

describe('feed queries', () => {
  it('lists the newest 20 published articles with bylines, tags and image', async () => {
    const items = await listFeedArticles({ kind: 'site' })
    expect(items).toHaveLength(20)
    expect(items.map((a) => a.id)).toEqual((await listLatestArticles(20)).map((a) => a.id))
    const statuses = await db.select({ id: articles.id, status: articles.status }).from(articles)
    const unpublished = new Set(statuses.filter((s) => s.status !== 'published').map((s) => s.id))
    expect(unpublished.size).toBeGreaterThan(0)
    expect(items.some((a) => unpublished.has(a.id))).toBe(false)
    const first = items[0]!
    expect(first.body).toContain('<p>')
    expect(first.authors.length).toBeGreaterThanOrEqual(1)
    expect(first.tags.length).toBeGreaterThan(0)
    expect(first.image?.mimeType).toBe('image/webp')
    expect(first.category).not.toBeNull()
  })

  it('puts the lead author first, then co-authors, and finds co-authored articles in the author feed', async () => {
    const co = await firstRow(
      db
        .select({ articleId: articleAuthors.articleId, userId: articleAuthors.userId })
        .from(articleAuthors)
        .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
        .where(and(eq(articles.status, 'published'), ne(articleAuthors.userId, articles.authorId)))
        .orderBy(articleAuthors.articleId, articleAuthors.userId)
        .limit(1),
    )
    const feed = await listFeedArticles({ kind: 'author', id: co.userId }, 100)
    const item = feed.find((a) => a.id === co.articleId)!
    expect(item).toBeDefined()
    expect(item.authors.length).toBe(2)
  })

  it('includes subsections in a section feed', async () => {
    const world = (await getCategoryBySlug('world'))!
    const sub = await firstRow(
      writer.insert(categories).values({ name: 'Asia', slug: 'asia', parentId: world.id }).returning(),
    )
    const moved = (await listFeedArticles({ kind: 'category', ids: [(await getCategoryBySlug('sports'))!.id] }, 1))[0]!
    await writer.update(articles).set({ categoryId: sub.id }).where(eq(articles.id, moved.id))
    const ids = await categoryTreeIds(world.id)
    expect(ids).toContain(sub.id)
    expect((await listFeedArticles({ kind: 'category', ids }, 100)).some((a) => a.id === moved.id)).toBe(true)
    expect((await listSitemapSections()).map((s) => s.slug)).toContain('asia')
  })

  it('bumps the content version on any change readers can see', async () => {
    const before = await getContentVersion()
    const a = (await listLatestArticles(1))[0]!
    await writer
      .update(articles)
      .set({ title: `${a.title}!` })
      .where(eq(articles.id, a.id))
    expect(await getContentVersion()).toBeGreaterThan(before)
  })
})

describe('sitemap queries', () => {
  it('covers every published article once, month by month', async () => {
    const months = await listSitemapMonths(tz)
    const total = months.reduce((n, m) => n + m.count, 0)
    expect(total).toBe((await listLatestArticles(1000)).length)
    const m = months[0]!
    const urls = await listSitemapArticles(m.start, m.end, 0, 1000)
    expect(urls).toHaveLength(m.count)
    expect(Math.max(...urls.map((u) => u.lastmod.getTime()))).toBe(m.lastmod!.getTime())
  })

  it('lists tags and authors that have published articles', async () => {
    expect((await listSitemapTags()).length).toBeGreaterThan(5)
    const authors = (await listSitemapAuthors()).map((a) => a.slug)
    expect(authors.length).toBeGreaterThan(1)
    expect(authors).not.toContain(null)
  })

  it('lists only the last 48 hours for Google News', async () => {
    const since = new Date(now.getTime() - 48 * 3_600_000)
    const fresh = (await listLatestArticles(1))[0]!
    await writer
      .update(articles)
      .set({ publishedAt: new Date(now.getTime() - 3_600_000) })
      .where(eq(articles.id, fresh.id))
    const news = await listNewsArticles(since)
    expect(news.map((n) => n.slug)).toContain(fresh.slug)
    for (const n of news) expect(n.publishedAt.getTime()).toBeGreaterThanOrEqual(since.getTime())
  })
})

describe('key points in feeds', () => {
  it('describe an item that has no standfirst, unless they are switched off', async () => {
    const newest = (await listFeedArticles({ kind: 'site' }))[0]!
    const row = await firstRow(
      db.select({ keyPoints: articles.keyPoints }).from(articles).where(eq(articles.id, newest.id)),
    )
    expect(row.keyPoints!.length).toBeGreaterThanOrEqual(3)
    await writer.update(articles).set({ standfirst: '' }).where(eq(articles.id, newest.id))
    expect((await listFeedArticles({ kind: 'site' }))[0]!.standfirst).toBe(row.keyPoints!.join(' '))
    await writer.update(articles).set({ keyPointsMode: 'off' }).where(eq(articles.id, newest.id))
    expect((await listFeedArticles({ kind: 'site' }))[0]!.standfirst).toBe('')
  })
})
