import { beforeAll, describe, expect, it } from 'vitest'
import { eq, ne, sql } from 'drizzle-orm'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { seedDatabase } from '@/services/seed/seed'
import { listArchiveMonths } from './articles'
import { listCategoriesWithCounts } from './categories'
import { articles, settings } from '../schema'
import { firstRow } from '../test-fixtures'
import { getContentVersion, memoForContent, noteContentVersion } from './content-version'

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({
    articles: 30,
    images: 1,
    now: new Date('2026-06-15T12:00:00Z'),
    adminPassword: 'unit-test-password',
  })
})

describe('aggregates kept per content version', () => {
  it('computes once per version and again after any visible change', async () => {
    let runs = 0
    const compute = () => ++runs
    // On PostgreSQL a memo holds for the version the front server's purge poller last noted (on
    // SQLite it reads the version itself): the test notes it where the poller would.
    noteContentVersion(await getContentVersion())
    expect(memoForContent('test', compute)).toBe(1)
    expect(memoForContent('test', compute)).toBe(1)
    const before = await getContentVersion()
    await writerConnection()
      .update(settings)
      .set({ value: sql`${settings.value}` })
      .where(eq(settings.key, 'tagline'))
    expect(await getContentVersion()).toBeGreaterThan(before)
    noteContentVersion(await getContentVersion())
    expect(memoForContent('test', compute)).toBe(2)
  })

  it('shows a newly published article in the section and archive counts', async () => {
    const section = (await listCategoriesWithCounts()).find((c) => c.count > 0)!
    const months = await listArchiveMonths('Asia/Kolkata')
    const { id } = await firstRow(
      db
        .select({ id: articles.id })
        .from(articles)
        .where(ne(articles.status, 'published'))
        .orderBy(articles.id)
        .limit(1),
    )
    await writerConnection()
      .update(articles)
      .set({ status: 'published', publishedAt: new Date('2026-06-15T10:00:00Z'), categoryId: section.id })
      .where(eq(articles.id, id))
    noteContentVersion(await getContentVersion())
    expect((await listCategoriesWithCounts()).find((c) => c.id === section.id)!.count).toBe(section.count + 1)
    const june = (list: typeof months) => list.find((m) => m.year === 2026 && m.month === 6)?.count ?? 0
    expect(june(await listArchiveMonths('Asia/Kolkata'))).toBe(june(months) + 1)
  })
})
