import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectPostgres, disconnect, withDatabase } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { startPostgres, type TestPostgres } from '@/db/test-postgres'
import {
  backupDatabase,
  backupIfDue,
  checkPostgresBackup,
  listBackups,
  restorePostgresDatabase,
  RestoreError,
} from './backup'

let server: TestPostgres
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-pg-backup-'))
const backups = path.join(dir, 'backups')

/** Runs `work` against the test cluster's database, as the scripts and the timer do against the site's. */
async function on<T>(work: () => Promise<T>) {
  const connection = connectPostgres(server.url, 2)
  try {
    return await withDatabase(connection, work)
  } finally {
    await disconnect(connection)
  }
}

async function query<T extends pg.QueryResultRow>(text: string) {
  const client = new pg.Client({ connectionString: server.url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  server = await startPostgres()
  await on(() => migrateDatabase())
  await query(`insert into settings (key, value) values ('name', '"Before"')`)
  await query(`insert into redirects (from_path, to_path) values ('/old', '/new')`)
})
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('backup on PostgreSQL', () => {
  it('dumps, verifies, copies uploads, and restores what was changed or dropped', async () => {
    const uploads = path.join(dir, 'uploads')
    fs.mkdirSync(path.join(uploads, '2026'), { recursive: true })
    fs.writeFileSync(path.join(uploads, '2026', 'a.webp'), 'a')
    const result = await on(() => backupDatabase({ dir: backups, uploads, now: new Date('2026-11-20T00:00:00Z') }))
    expect(path.basename(result.file)).toBe('gazette-20261120T000000000Z.dump')
    expect(result.uploadsCopied).toBe(1)
    expect(await checkPostgresBackup(result.file)).toEqual([])
    expect(fs.readdirSync(backups).filter((f) => f.endsWith('.tmp'))).toEqual([])

    await query(`update settings set value = '"After"' where key = 'name'`)
    await query(`drop table redirects`)
    const { keptAs } = await restorePostgresDatabase(result.file, server.url, {
      keepDir: backups,
      now: new Date('2026-11-21T00:00:00Z'),
    })
    expect(await query(`select value from settings where key = 'name'`)).toEqual([{ value: 'Before' }])
    expect(await query(`select from_path from redirects`)).toEqual([{ from_path: '/old' }])
    // Migrated as well: the migrations table is complete, and the search vector is there again.
    const [{ n }] = (await query<{ n: number }>(`select count(*)::integer as n from drizzle.__drizzle_migrations`)) as [
      { n: number },
    ]
    expect(n).toBe(
      fs.readdirSync(path.join(process.cwd(), 'drizzle/postgres')).filter((f) => f.endsWith('.sql')).length,
    )
    expect(await query(`select id from articles where search_vector @@ to_tsquery('english', 'council')`)).toEqual([])
    // The replaced database is kept aside, as a backup that passes the same check.
    expect(path.basename(keptAs)).toBe('gazette.before-restore-20261121T000000000Z.dump')
    expect(await checkPostgresBackup(keptAs)).toEqual([])
  })

  it('refuses a damaged archive, a SQLite backup, and a database in use', async () => {
    const [newest] = listBackups(backups, 'gazette.dump', '.dump')
    const truncated = path.join(dir, 'truncated.dump')
    const bytes = fs.readFileSync(newest!.file)
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)))
    expect((await checkPostgresBackup(truncated))[0]).toMatch(/not a readable pg_dump archive/)
    await expect(restorePostgresDatabase(truncated, server.url, { keepDir: backups })).rejects.toThrow(RestoreError)

    const sqliteFile = path.join(dir, 'site.db')
    fs.writeFileSync(sqliteFile, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080)]))
    expect((await checkPostgresBackup(sqliteFile))[0]).toMatch(/backup of a SQLite database/)

    const server_ = new pg.Client({ connectionString: server.url })
    await server_.connect()
    try {
      await expect(restorePostgresDatabase(newest!.file, server.url, { keepDir: backups })).rejects.toThrow(
        /other connection/,
      )
    } finally {
      await server_.end()
    }
    // Nothing was kept aside by a refused restore.
    expect(fs.readdirSync(backups).filter((f) => f.includes('before-restore'))).toHaveLength(1)
  })

  it('runs on schedule and keeps the newest N', async () => {
    const at = (iso: string) => ({ everyHours: 24, keep: 2, dir: backups, now: new Date(iso) })
    expect(await on(() => backupIfDue(at('2026-11-20T12:00:00Z')))).toBeUndefined()
    expect(await on(() => backupIfDue(at('2026-11-21T00:00:00Z')))).toBeDefined()
    const third = await on(() => backupIfDue(at('2026-11-22T00:00:00Z')))
    expect(third?.deleted.map((f) => path.basename(f))).toEqual(['gazette-20261120T000000000Z.dump'])
    expect(listBackups(backups, 'gazette.dump', '.dump')).toHaveLength(2)
  })
})
