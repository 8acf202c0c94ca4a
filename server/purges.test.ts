import { eq, sql } from 'drizzle-orm'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { currentEngine, db, sqlite, writerConnection } from '@/db/client'
import { run } from '@/db/dialect'
import { migrateDatabase } from '@/db/migrate'
import { articles } from '@/db/schema'
import { addUser, publishArticle } from '@/db/test-fixtures'
import { PageCache } from '@/lib/page-cache'
import { PurgePoller } from './purges'

const writer = writerConnection()
// Schema changes go through the writer: the reading connection is query-only on SQLite.
const alter = (statement: string) =>
  currentEngine() === 'postgres' ? run(sql.raw(statement)) : writer.run(sql.raw(statement))
let articleId: number

beforeAll(async () => {
  await migrateDatabase(db)
  const authorId = await addUser({ email: 'p@example.com', name: 'P', role: 'editor' })
  articleId = await publishArticle(authorId, new Date(), { title: 'Before' })
})

const page = (tag: string) => ({ status: 200, headers: {}, body: Buffer.from('<p>page</p>'), tags: new Set([tag]) })

describe('the purge poller', () => {
  it('drops the pages of content changed before the call, and only those', async () => {
    const cache = new PageCache()
    const purges = new PurgePoller(cache)
    await purges.apply()
    cache.set('/article/', page(`article:${articleId}`), cache.generation)
    cache.set('/about/', page('page:1'), cache.generation)
    await writer.update(articles).set({ title: 'After' }).where(eq(articles.id, articleId))
    await purges.apply()
    expect(cache.get('/article/')).toBeUndefined()
    expect(cache.get('/about/')).toBeDefined()
  })

  it('gives calls made in one turn one poll, and a call made after that poll began a poll of its own', async () => {
    const cache = new PageCache()
    const purges = new PurgePoller(cache)
    await purges.apply()
    const before = purges.polls
    // Something committed since that poll: none of the calls below can be answered without one.
    await writer.update(articles).set({ title: 'Moved' }).where(eq(articles.id, articleId))
    await Promise.all([purges.apply(), purges.apply(), purges.apply()])
    expect(purges.polls).toBe(before + 1)
    cache.set('/article/', page(`article:${articleId}`), cache.generation)
    let seen = 'not yet'
    await new Promise<void>((resolve, reject) =>
      purges.afterApplied(() => {
        // Committed once the first poll has begun: the call after it waits for a poll that sees it.
        void writer
          .update(articles)
          .set({ title: 'Again' })
          .where(eq(articles.id, articleId))
          .then(
            () =>
              purges.afterApplied(() => {
                seen = cache.get('/article/') ? 'stale' : 'purged'
                resolve()
              }),
            reject,
          )
      }),
    )
    expect(seen).toBe('purged')
    // On SQLite the call before the commit found nothing committed since the last poll: no poll.
    expect(purges.polls).toBe(before + (currentEngine() === 'sqlite' ? 2 : 3))
  })

  it.skipIf(currentEngine() !== 'sqlite')(
    'answers at once while nothing has been committed since a poll, and polls after any commit',
    async () => {
      const cache = new PageCache()
      const purges = new PurgePoller(cache)
      await purges.apply()
      cache.set('/article/', page(`article:${articleId}`), cache.generation)
      const before = purges.polls
      let answered = false
      purges.afterApplied(() => (answered = true))
      expect(answered).toBe(true)
      expect(purges.polls).toBe(before)
      // A connection of its own, as another process of the site would have.
      const other = new Database(sqlite!.name)
      try {
        other.prepare('UPDATE articles SET title = ? WHERE id = ?').run('From elsewhere', articleId)
      } finally {
        other.close()
      }
      answered = false
      const applied = new Promise<void>((resolve) =>
        purges.afterApplied(() => {
          answered = true
          resolve()
        }),
      )
      expect(answered).toBe(false)
      await applied
      expect(purges.polls).toBe(before + 1)
      expect(cache.get('/article/')).toBeUndefined()
    },
  )

  it('recovers on its own when the database could not be read as it started', async () => {
    await alter('ALTER TABLE cache_purges RENAME TO cache_purges_away')
    const cache = new PageCache()
    let purges: PurgePoller
    try {
      purges = new PurgePoller(cache)
      await expect(purges.apply()).rejects.toThrow()
    } finally {
      await alter('ALTER TABLE cache_purges_away RENAME TO cache_purges')
    }
    await purges.apply()
    cache.set('/article/', page(`article:${articleId}`), cache.generation)
    await writer.update(articles).set({ title: 'Once more' }).where(eq(articles.id, articleId))
    await purges.apply()
    expect(cache.get('/article/')).toBeUndefined()
  })

  // Two transactions racing: the first draws its purge id, the second inserts after it and would
  // commit first. A poll between the two commits must not move past the first one's id.
  it.skipIf(currentEngine() !== 'postgres')('sees every purge when transactions commit out of id order', async () => {
    const cache = new PageCache()
    const purges = new PurgePoller(cache)
    await purges.apply()
    const [first, second] = [0, 1].map(() => new pg.Client({ connectionString: process.env.DATABASE_URL }))
    await Promise.all([first!.connect(), second!.connect()])
    try {
      cache.set('/article/', page(`article:${articleId}`), cache.generation)
      await first!.query('BEGIN')
      await first!.query('UPDATE articles SET title = $1 WHERE id = $2', ['Out of order', articleId])
      const later = second!.query("INSERT INTO cache_purges (tag) VALUES ('layout-elsewhere')")
      await new Promise((resolve) => setTimeout(resolve, 300))
      await purges.apply()
      await first!.query('COMMIT')
      await later
      await purges.apply()
      expect(cache.get('/article/')).toBeUndefined()
    } finally {
      await Promise.all([first!.end(), second!.end()])
    }
  })
})
