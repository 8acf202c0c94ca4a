import fs from 'node:fs'
import path from 'node:path'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { eq, is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endPool, startPostgres, type TestPostgres } from '../test-postgres'
import * as schema from './schema'

const migrationsFolder = path.resolve(import.meta.dirname, '../../drizzle/postgres')
const tables = Object.values(schema as Record<string, unknown>).filter((value) => is(value, PgTable)) as PgTable[]

let server: TestPostgres
let pool: pg.Pool
let db: NodePgDatabase<typeof schema>

beforeAll(async () => {
  server = await startPostgres()
  pool = new pg.Pool({ connectionString: server.url, max: 2 })
  db = drizzle(pool, { schema })
  await migrate(db, { migrationsFolder })
}, 60_000)

afterAll(async () => {
  if (pool) await endPool(pool)
  await server?.stop()
}, 60_000)

async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(text, values)).rows as T[]
}

/** Empties cache_purges, runs `change`, and returns the tags it wrote, in order. */
async function purgesOf(change: () => Promise<unknown>): Promise<string[]> {
  await pool.query('DELETE FROM cache_purges')
  await change()
  return (await rows<{ tag: string }>('SELECT tag FROM cache_purges ORDER BY id')).map((row) => row.tag)
}

async function insertUser(email: string): Promise<number> {
  const [user] = await db.insert(schema.users).values({ email, name: email }).returning({ id: schema.users.id })
  return user!.id
}

async function insertArticle(values: Partial<typeof schema.articles.$inferInsert> & { authorId: number }) {
  const [article] = await db
    .insert(schema.articles)
    .values({ slug: `a-${Math.random().toString(36).slice(2)}`, title: 'Untitled', ...values })
    .returning({ id: schema.articles.id })
  return article!.id
}

describe('schema', () => {
  it('creates exactly the tables of db/postgres/schema.ts', async () => {
    const existing = await rows<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
    expect(existing.map((row) => row.table_name)).toEqual(tables.map((table) => getTableConfig(table).name).sort())
  })

  it('has the columns of the TypeScript schema, with their types, nullability and defaults', async () => {
    for (const table of tables) {
      const config = getTableConfig(table)
      const actual = await rows<{
        column_name: string
        data_type: string
        is_nullable: 'YES' | 'NO'
        column_default: string | null
        is_identity: 'YES' | 'NO'
        is_generated: 'ALWAYS' | 'NEVER'
      }>(
        `SELECT column_name, data_type, is_nullable, column_default, is_identity, is_generated
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [config.name],
      )
      const byName = new Map(actual.map((column) => [column.column_name, column]))
      for (const column of config.columns) {
        const found = byName.get(column.name)
        expect(found, `${config.name}.${column.name}`).toBeDefined()
        expect(
          {
            type: found!.data_type,
            nullable: found!.is_nullable === 'YES',
            hasDefault: found!.column_default !== null || found!.is_identity === 'YES',
            identity: found!.is_identity === 'YES',
          },
          `${config.name}.${column.name}`,
        ).toEqual({
          type: column.getSQLType(),
          nullable: !column.notNull,
          hasDefault: column.hasDefault,
          identity: column.generatedIdentity !== undefined,
        })
        byName.delete(column.name)
      }
      // Only the search vector is kept out of the TypeScript schema, on purpose (see 0001).
      const extra = [...byName.values()].map(
        (column) => `${column.column_name} ${column.data_type} ${column.is_generated}`,
      )
      expect(extra, config.name).toEqual(config.name === 'articles' ? ['search_vector tsvector ALWAYS'] : [])
    }
  })

  it('has the indexes of the TypeScript schema, and the search index besides', async () => {
    for (const table of tables) {
      const config = getTableConfig(table)
      const actual = await rows<{ name: string; unique: boolean }>(
        `SELECT c.relname AS name, i.indisunique AS unique
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::regclass AND NOT i.indisprimary ORDER BY c.relname`,
        [`public.${config.name}`],
      )
      const expected = config.indexes.map((index) => ({ name: index.config.name!, unique: index.config.unique }))
      if (config.name === 'articles') expected.push({ name: 'articles_search_idx', unique: false })
      expect(actual, config.name).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)))
    }
  })

  it('reads instants back as Dates, booleans and JSON as such', async () => {
    const authorId = await insertUser('types@example.com')
    const publishedAt = new Date('2026-03-01T08:30:00.123Z')
    const before = Date.now()
    const id = await insertArticle({ authorId, publishedAt, isBreaking: true, keyPoints: ['One.', 'Two.'] })
    const [article] = await db.select().from(schema.articles).where(eq(schema.articles.id, id))
    expect(article!.publishedAt).toEqual(publishedAt)
    expect(article!.createdAt).toBeInstanceOf(Date)
    expect(article!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(article!.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    expect(article!.isBreaking).toBe(true)
    expect(article!.keyPoints).toEqual(['One.', 'Two.'])
    const [media] = await db
      .insert(schema.media)
      .values({ path: 'big.bin', mimeType: 'video/mp4', width: 1, height: 1, bytes: 2 ** 33 })
      .returning()
    expect(media!.bytes).toBe(2 ** 33)
    expect(media!.variants).toEqual([])
  })
})

describe('migrations', () => {
  it('applying them again changes nothing', async () => {
    const state = async () => ({
      applied: await rows('SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id'),
      triggers: await rows('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname'),
      columns: await rows(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
      ),
    })
    const before = await state()
    await migrate(db, { migrationsFolder })
    expect(await state()).toEqual(before)
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'))
    expect(before.applied).toHaveLength(journal.entries.length)
  })
})

describe('cache purge triggers', () => {
  it('write the tags SQLite writes', async () => {
    const authorId = await insertUser('purges@example.com')
    let id = 0
    expect(
      await purgesOf(async () => {
        id = await insertArticle({ authorId, status: 'published', publishedAt: new Date() })
      }),
    ).toEqual(['list'])
    expect(await purgesOf(() => insertArticle({ authorId }))).toEqual([])

    expect(
      await purgesOf(() => db.update(schema.articles).set({ title: 'New title' }).where(eq(schema.articles.id, id))),
    ).toEqual([`article:${id}`, 'list'])
    // The body is not on a card: the article only.
    expect(
      await purgesOf(() => db.update(schema.articles).set({ body: '<p>More</p>' }).where(eq(schema.articles.id, id))),
    ).toEqual([`article:${id}`])
    // Set but unchanged: listed in UPDATE OF, not different.
    expect(
      await purgesOf(() => db.update(schema.articles).set({ title: 'New title' }).where(eq(schema.articles.id, id))),
    ).toEqual([`article:${id}`])
    expect(
      await purgesOf(() => pool.query('UPDATE articles SET view_count = view_count + 1 WHERE id = $1', [id])),
    ).toEqual([])

    const [tag] = await db.insert(schema.tags).values({ name: 'Harbour', slug: 'harbour' }).returning()
    expect(await purgesOf(() => db.insert(schema.articleTags).values({ articleId: id, tagId: tag!.id }))).toEqual([
      `article:${id}`,
      'list',
    ])
    expect(
      await purgesOf(() => db.update(schema.tags).set({ name: 'Port' }).where(eq(schema.tags.id, tag!.id))),
    ).toEqual(['layout'])

    expect(
      await purgesOf(() =>
        db.insert(schema.comments).values({ articleId: id, authorName: 'A', body: 'Hi', status: 'approved' }),
      ),
    ).toEqual([`comments:${id}`, 'recent-comments'])
    expect(
      await purgesOf(() => db.insert(schema.comments).values({ articleId: id, authorName: 'B', body: 'Spam' })),
    ).toEqual([])

    const removed = await purgesOf(() => db.delete(schema.articles).where(eq(schema.articles.id, id)))
    expect(removed).toContain(`article:${id}`)
    expect(removed).toContain('list')
    expect(removed).toContain(`comments:${id}`)
  })

  it('keep an article primary section out of its secondary sections', async () => {
    const authorId = await insertUser('sections@example.com')
    const [news, sport] = await db
      .insert(schema.categories)
      .values([
        { name: 'News', slug: 'news' },
        { name: 'Sport', slug: 'sport' },
      ])
      .returning()
    const id = await insertArticle({ authorId, categoryId: news!.id })
    await db.insert(schema.articleSections).values([
      { articleId: id, categoryId: news!.id },
      { articleId: id, categoryId: sport!.id },
    ])
    const sections = () =>
      db
        .select({ categoryId: schema.articleSections.categoryId })
        .from(schema.articleSections)
        .where(eq(schema.articleSections.articleId, id))
    expect(await sections()).toEqual([{ categoryId: sport!.id }])
    await db.update(schema.articles).set({ categoryId: sport!.id }).where(eq(schema.articles.id, id))
    expect(await sections()).toEqual([])
  })

  it('notify gazette_purges listeners once the change commits', async () => {
    const listener = new pg.Client({ connectionString: server.url })
    await listener.connect()
    try {
      await listener.query('LISTEN gazette_purges')
      const notified = new Promise<pg.Notification>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no notification within 5 s')), 5000)
        listener.once('notification', (message) => {
          clearTimeout(timer)
          resolve(message)
        })
      })
      const authorId = await insertUser('notify@example.com')
      await insertArticle({ authorId, status: 'published' })
      const message = await notified
      expect(message.channel).toBe('gazette_purges')
      expect(message.payload).toBe('')
    } finally {
      await listener.end()
    }
  })
})

describe('full-text search', () => {
  it('finds published articles, ranked and highlighted, and only through the published-only index', async () => {
    const authorId = await insertUser('search@example.com')
    const inTitle = await insertArticle({
      authorId,
      status: 'published',
      title: 'Ferry strike ends after night of talks',
      bodyText: 'The harbour reopened at dawn.',
    })
    const inBody = await insertArticle({
      authorId,
      status: 'published',
      title: 'Harbour news',
      bodyText: 'Crews said the ferry strike had cost them a week of wages.',
    })
    await insertArticle({ authorId, title: 'Ferry strike draft', bodyText: 'Ferry strike, not yet out.' })

    const search = `
      SELECT id, ts_rank(search_vector, query) AS rank, ts_headline('english', body_text, query) AS headline
        FROM articles, websearch_to_tsquery('english', $1) AS query
       WHERE status = 'published' AND search_vector @@ query
       ORDER BY rank DESC`
    const found = await rows<{ id: number; rank: number; headline: string }>(search, ['ferry strikes'])
    expect(found.map((row) => row.id)).toEqual([inTitle, inBody])
    expect(found[1]!.headline).toContain('<b>ferry</b> <b>strike</b>')

    // Enough other articles for the planner to prefer an index; VACUUM moves GIN's pending
    // entries into the index proper. Without the status filter the partial index cannot answer
    // (drafts are not in it), so that search reads the table.
    await pool.query(
      `INSERT INTO articles (slug, title, body_text, status, author_id)
       SELECT 'filler-' || n, 'Council budget ' || n, 'Rates, roads and bins.', 'published', $1
         FROM generate_series(1, 2000) AS n`,
      [authorId],
    )
    await pool.query('VACUUM ANALYZE articles')
    const plan = async (query: string) =>
      (await pool.query(`EXPLAIN ${query}`, ['ferry'])).rows.map((row) => row['QUERY PLAN']).join('\n')
    expect(await plan(search)).toContain('articles_search_idx')
    expect(await plan(search.replace("status = 'published' AND ", ''))).not.toContain('articles_search_idx')
  })
})
