import { beforeAll, describe, expect, it } from 'vitest'
import { sqlite, db } from '../client'
import { migrateDatabase } from '../migrate'
import { seedDatabase } from '@/services/seed/seed'
import { listArchiveMonths } from './articles'
import { listCategoriesWithCounts } from './categories'
import { getContentVersion, memoForContent } from './content-version'

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
    expect(memoForContent('test', compute)).toBe(1)
    expect(memoForContent('test', compute)).toBe(1)
    const before = await getContentVersion()
    sqlite.prepare("UPDATE settings SET value = value WHERE key = 'tagline'").run()
    expect(await getContentVersion()).toBeGreaterThan(before)
    expect(memoForContent('test', compute)).toBe(2)
  })

  it('shows a newly published article in the section and archive counts', async () => {
    const section = (await listCategoriesWithCounts()).find((c) => c.count > 0)!
    const months = await listArchiveMonths('Asia/Kolkata')
    const { id } = sqlite.prepare("SELECT id FROM articles WHERE status != 'published' LIMIT 1").get() as { id: number }
    sqlite
      .prepare("UPDATE articles SET status = 'published', published_at = ?, category_id = ? WHERE id = ?")
      .run(Date.parse('2026-06-15T10:00:00Z'), section.id, id)
    expect((await listCategoriesWithCounts()).find((c) => c.id === section.id)!.count).toBe(section.count + 1)
    const june = (list: typeof months) => list.find((m) => m.year === 2026 && m.month === 6)?.count ?? 0
    expect(june(await listArchiveMonths('Asia/Kolkata'))).toBe(june(months) + 1)
  })
})
