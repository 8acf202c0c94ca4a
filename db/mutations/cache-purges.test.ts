import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { cachePurgesAfter, lastCachePurgeId } from '../queries/cache-purges'
import { articles, cachePurges, users } from '../schema'
import { pruneCachePurges } from './cache-purges'
import { addArticleViews } from './views'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

beforeAll(() => migrateDatabase(db))

describe('what the front server reads and writes', () => {
  it('reads the purge events after the last one it saw, and prunes old ones', async () => {
    const start = await lastCachePurgeId()
    writer
      .insert(cachePurges)
      .values([
        { tag: 'list', createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000) },
        { tag: 'article:7', createdAt: new Date() },
      ])
      .run()
    const rows = await cachePurgesAfter(start)
    expect(rows.map((r) => r.tag)).toEqual(['list', 'article:7'])
    expect(await lastCachePurgeId()).toBe(rows.at(-1)!.id)
    expect(await cachePurgesAfter(rows.at(-1)!.id)).toEqual([])
    expect(await pruneCachePurges(new Date(Date.now() - 60 * 60 * 1000))).toBeGreaterThanOrEqual(1)
    expect((await cachePurgesAfter(start)).map((r) => r.tag)).toEqual(['article:7'])
  })

  it('adds read counts to articles without writing a purge event', async () => {
    const authorId = writer
      .insert(users)
      .values({ email: 'views@example.com', name: 'V', role: 'editor' })
      .returning()
      .get().id
    const id = writer
      .insert(articles)
      .values({ slug: 'viewed', title: 'Viewed', authorId, status: 'published', publishedAt: new Date() })
      .returning()
      .get().id
    const before = await lastCachePurgeId()
    await addArticleViews(new Map([[id, 3]]))
    await addArticleViews(new Map([[id, 2]]))
    expect(db.select({ n: articles.viewCount }).from(articles).where(eq(articles.id, id)).get()!.n).toBe(5)
    expect(await lastCachePurgeId()).toBe(before)
  })
})
