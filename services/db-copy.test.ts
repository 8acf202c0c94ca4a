import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databasePath, db, engine } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { startPostgres, type TestPostgres } from '@/db/test-postgres'
import { seedDatabase } from '@/services/seed/seed'
import { copySite, CopyError, parseEndpoint } from './db-copy'

// The source is seeded through the data layer, which writes with the schema of the configured
// engine: the PostgreSQL run of the suite (vitest.postgres.config.mts) has no SQLite site to seed.
describe.runIf(engine === 'sqlite')('db:copy', () => {
  let server: TestPostgres
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-copy-'))
  const copyBack = path.join(dir, 'copy-back.db')

  beforeAll(async () => {
    server = await startPostgres()
    await migrateDatabase(db)
    await seedDatabase({ articles: 30, images: 1, adminPassword: 'x'.repeat(12) })
  })
  afterAll(async () => {
    await server?.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: server.url })
    await client.connect()
    try {
      return (await client.query<T>(text, values)).rows
    } finally {
      await client.end()
    }
  }

  it('copies SQLite to PostgreSQL and back with equal counts and checksums', async () => {
    const progress: string[] = []
    const there = await copySite(parseEndpoint(databasePath), parseEndpoint(server.url), {
      onProgress: ({ table, copied, total }) => copied === total && progress.push(table),
    })
    expect(there.mismatches).toEqual([])
    expect(there.tables.find((t) => t.table === 'articles')!.rows).toBe(34)
    expect(progress).toContain('cache_purges')

    const back = await copySite(parseEndpoint(server.url), parseEndpoint(copyBack))
    expect(back.mismatches).toEqual([])
    // The same rows on all three: the checksums of the first copy's source and the second's.
    expect(back.tables.map((t) => [t.table, t.rows, t.checksum])).toEqual(
      there.tables.map((t) => [t.table, t.rows, t.checksum]),
    )

    const original = new Database(databasePath, { readonly: true })
    const copy = new Database(copyBack, { readonly: true })
    try {
      const article = `select id, published_at, is_breaking, key_points, title from articles order by id`
      expect(copy.prepare(article).all()).toEqual(original.prepare(article).all())
      // The full-text index holds the published articles only, as drizzle/0009 keeps it (counted
      // in its own shadow table: a count of the FTS table reads the articles table).
      const fts = `select count(*) as n from articles_fts_docsize`
      const published = `select count(*) as n from articles where status = 'published'`
      expect(copy.prepare(fts).get()).toEqual(original.prepare(published).get())
      const sequence = `select seq from sqlite_sequence where name = 'articles'`
      expect(copy.prepare(sequence).get()).toEqual(original.prepare(sequence).get())
      expect(copy.pragma('foreign_key_check')).toEqual([])
    } finally {
      original.close()
      copy.close()
    }

    // Values as PostgreSQL holds them: instants, booleans, JSON, and the generated search vector.
    const source = new Database(databasePath, { readonly: true })
    const first = source
      .prepare(
        `select id, title, published_at, is_breaking, comments_open from articles where status = 'published' order by id limit 1`,
      )
      .get() as { id: number; title: string; published_at: number; is_breaking: number; comments_open: number }
    const settings = source.prepare(`select key, value from settings order by key`).all() as {
      key: string
      value: string
    }[]
    source.close()
    const [row] = await query<{ published_at: string; is_breaking: boolean; comments_open: boolean }>(
      `select published_at, is_breaking, comments_open from articles where id = $1`,
      [first.id],
    )
    expect(row).toEqual({
      published_at: String(first.published_at),
      is_breaking: first.is_breaking === 1,
      comments_open: first.comments_open === 1,
    })
    const pgSettings = await query<{ key: string; value: unknown }>(
      `select key, value from settings order by key collate "C"`,
    )
    expect(pgSettings).toEqual(settings.map((s) => ({ key: s.key, value: JSON.parse(s.value) as unknown })))
    const word = first.title.split(/\W+/).find((w) => w.length > 5)!
    const found = await query<{ id: number }>(
      `select id from articles where status = 'published' and search_vector @@ plainto_tsquery('english', $1)`,
      [word],
    )
    expect(found.map((f) => f.id)).toContain(first.id)
    // New rows continue after the copied ids.
    const [next] = await query<{ id: number }>(
      `insert into tags (name, slug) values ('After the copy', 'after-the-copy') returning id`,
    )
    const [max] = await query<{ max: number }>(
      `select max(id)::integer as max from tags where slug <> 'after-the-copy'`,
    )
    expect(next!.id).toBe(max!.max + 1)
  })

  it('refuses a target with content unless forced, and then replaces it', async () => {
    await expect(copySite(parseEndpoint(databasePath), parseEndpoint(server.url))).rejects.toThrow(CopyError)
    await expect(copySite(parseEndpoint(databasePath), parseEndpoint(server.url))).rejects.toThrow(
      /already has content/,
    )
    const again = await copySite(parseEndpoint(databasePath), parseEndpoint(server.url), { force: true })
    expect(again.mismatches).toEqual([])
    const left = await query(`select id from tags where slug = 'after-the-copy'`)
    expect(left).toEqual([])
  })

  it('refuses a source that is not a Gazette database', async () => {
    const foreign = path.join(dir, 'foreign.db')
    new Database(foreign).exec('create table t (x)').close()
    await expect(copySite(parseEndpoint(foreign), parseEndpoint(path.join(dir, 'x.db')))).rejects.toThrow(
      /not a Gazette database/,
    )
    await expect(copySite(parseEndpoint(path.join(dir, 'missing.db')), parseEndpoint(server.url))).rejects.toThrow(
      /does not exist/,
    )
  })
})
