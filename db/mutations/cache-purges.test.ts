import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { cachePurgesAfter, lastCachePurgeId } from '../queries/cache-purges'
import { articles, cachePurges, users } from '../schema'
import { pruneCachePurges } from './cache-purges'
import { addArticleViews } from './views'
import { addSection, addUser, articleFields, firstRow } from '../test-fixtures'
import { saveArticle } from './articles'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

beforeAll(() => migrateDatabase(db))

describe('what the front server reads and writes', () => {
  it('reads the purge events after the last one it saw, and prunes old ones', async () => {
    const start = await lastCachePurgeId()
    await writer.insert(cachePurges).values([
      { tag: 'list', createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000) },
      { tag: 'article:7', createdAt: new Date() },
    ])
    const rows = await cachePurgesAfter(start)
    expect(rows.map((r) => r.tag)).toEqual(['list', 'article:7'])
    expect(await lastCachePurgeId()).toBe(rows.at(-1)!.id)
    expect(await cachePurgesAfter(rows.at(-1)!.id)).toEqual([])
    expect(await pruneCachePurges(new Date(Date.now() - 60 * 60 * 1000))).toBeGreaterThanOrEqual(1)
    expect((await cachePurgesAfter(start)).map((r) => r.tag)).toEqual(['article:7'])
  })

  it('adds read counts to articles without writing a purge event', async () => {
    const { id: authorId } = await firstRow(
      writer
        .insert(users)
        .values({ email: 'views@example.com', name: 'V', role: 'editor' })
        .returning({ id: users.id }),
    )
    const { id } = await firstRow(
      writer
        .insert(articles)
        .values({ slug: 'viewed', title: 'Viewed', authorId, status: 'published', publishedAt: new Date() })
        .returning({ id: articles.id }),
    )
    const before = await lastCachePurgeId()
    await addArticleViews(new Map([[id, 3]]))
    await addArticleViews(new Map([[id, 2]]))
    const [row] = await db.select({ n: articles.viewCount }).from(articles).where(eq(articles.id, id)).limit(1)
    expect(row!.n).toBe(5)
    expect(await lastCachePurgeId()).toBe(before)
  })

  it('purges only the article when a save changes its text but none of its tags, sections or bylines', async () => {
    const authorId = await addUser({ email: 'saves@example.com', name: 'S', role: 'editor' })
    const coAuthor = await addUser({ email: 'co@example.com', name: 'C', role: 'editor' })
    const [primary, other] = [await addSection('Saved news'), await addSection('Saved sport')]
    const published = { status: 'published' as const, publishedAt: new Date() }
    const fields = articleFields({
      categoryId: primary,
      tagNames: ['Harbour', 'Ferries'],
      coAuthorIds: [coAuthor],
      secondaryCategoryIds: [other],
    })
    const { id } = await saveArticle({ fields, transition: published, actorId: authorId })
    const start = await lastCachePurgeId()
    await saveArticle({
      id,
      fields: { ...fields, body: '<p>A corrected figure.</p>', authorId },
      transition: published,
      actorId: authorId,
    })
    expect([...new Set((await cachePurgesAfter(start)).map((r) => r.tag))]).toEqual([`article:${id}`])

    const next = await lastCachePurgeId()
    await saveArticle({
      id,
      fields: { ...fields, tagNames: ['Harbour'], authorId },
      transition: published,
      actorId: authorId,
    })
    expect((await cachePurgesAfter(next)).map((r) => r.tag)).toContain('list')
  })
})
