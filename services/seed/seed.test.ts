import fs from 'node:fs'
import path from 'node:path'
import { count, desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { articles, media, users } from '@/db/schema'
import { firstRow } from '@/db/test-fixtures'
import { isSeeded, seedDatabase } from './seed'

const files = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
    : []

describe('the demo seed', () => {
  it('fills an empty database once when several hosts start on it together', async () => {
    await migrateDatabase(db)
    expect(await isSeeded()).toBe(false)
    // Each has already found the database empty: they meet in their transactions, on PostgreSQL
    // over two connections at once.
    const options = { articles: 6, images: 2, adminEmail: 'admin@example.com', adminPassword: 'x'.repeat(12) }
    const results = await Promise.all([seedDatabase(options), seedDatabase(options), seedDatabase(options)])
    expect(results.filter((r) => r.seeded)).toHaveLength(1)
    expect(await isSeeded()).toBe(true)
    const admins = await db.select({ email: users.email }).from(users)
    expect(admins.filter((u) => u.email === 'admin@example.com')).toHaveLength(1)
    // Six published and the four the back office starts with.
    expect((await firstRow(db.select({ n: count() }).from(articles))).n).toBe(10)
    // Today's news leads: the newest published stories are hours old, not days.
    const newest = await db
      .select({ publishedAt: articles.publishedAt })
      .from(articles)
      .where(eq(articles.status, 'published'))
      .orderBy(desc(articles.publishedAt))
      .limit(4)
    const hoursOld = newest.map((a) => (Date.now() - a.publishedAt!.getTime()) / 3_600_000)
    expect(hoursOld.slice(0, 3).every((h) => h < 5)).toBe(true)
    expect(hoursOld[3]).toBeGreaterThan(24)
    // The pictures the others had made are gone from storage; the seeded ones are all there.
    const stored = (await db.select({ variants: media.variants }).from(media)).flatMap((m) =>
      m.variants.map((v) => path.resolve(process.env.UPLOADS_DIR!, v.path)),
    )
    expect((await firstRow(db.select({ n: count() }).from(media))).n).toBe(2)
    expect(files(process.env.UPLOADS_DIR!).sort()).toEqual([...new Set(stored)].sort())
  })
})
