import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { connect, openDatabase, withDatabase } from '@/db/client'
import {
  backupDatabase,
  backupIfDue,
  checkGazetteDatabase,
  databaseInUse,
  listBackups,
  pruneBackups,
  restoreDatabase,
  RestoreError,
} from './backup'

/** Runs `work` against `sqlite`, as the scripts do against the site's database. */
async function on<T>(sqlite: Database.Database, work: () => Promise<T>) {
  const connection = connect(sqlite)
  try {
    return await withDatabase(connection, work)
  } finally {
    connection.reader.$client.close()
  }
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-backup-'))

/** A migrated Gazette database in a fresh directory. */
function freshDatabase() {
  const dir = tempDir()
  const file = path.join(dir, 'gazette.db')
  const db = openDatabase(file)
  migrate(drizzle(db), { migrationsFolder: path.join(process.cwd(), 'drizzle') })
  db.close()
  return { dir, file }
}

// Commits one row per transaction, as fast as it can, from another thread and connection.
const writerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
const insert = db.prepare('insert into ticks (payload) values (?)')
let stop = false
parentPort.on('message', () => { stop = true })
const payload = 'x'.repeat(300)
;(function loop() {
  for (let i = 0; i < 50; i++) insert.run(payload)
  if (stop) { db.close(); parentPort.postMessage('done') } else setImmediate(loop)
})()
`

describe('backup', () => {
  it('is consistent while another connection commits rows in a loop', async () => {
    const { dir, file } = freshDatabase()
    const live = openDatabase(file)
    live.exec('create table ticks (id integer primary key, payload text not null)')
    const fill = live.prepare('insert into ticks (payload) values (?)')
    live.transaction(() => {
      for (let i = 0; i < 20_000; i++) fill.run('y'.repeat(300))
    })()

    const worker = new Worker(writerSource, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3') },
    })
    const count = () => (live.prepare('select max(id) as n from ticks').get() as { n: number }).n
    // Wait until the writer is committing, then note what is committed before the backup starts.
    const start = count()
    while (count() < start + 200) await new Promise((r) => setTimeout(r, 5))
    const committedBefore = count()
    const result = await on(live, () => backupDatabase({ dir: path.join(dir, 'backups') }))
    const committedAfter = count()
    worker.postMessage('stop')
    await new Promise((r) => worker.once('message', r))
    live.close()

    expect(committedAfter).toBeGreaterThan(committedBefore)
    expect(checkGazetteDatabase(result.file)).toEqual([])
    const copy = new Database(result.file, { readonly: true })
    const { n, max } = copy.prepare('select count(*) as n, max(id) as max from ticks').get() as {
      n: number
      max: number
    }
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    copy.close()
    // Every row committed before the backup began is there, and no gap: one snapshot, not a mix.
    expect(max).toBeGreaterThanOrEqual(committedBefore)
    expect(n).toBe(max)
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('copies new uploads only, and keeps them', async () => {
    const { dir, file } = freshDatabase()
    const uploads = path.join(dir, 'uploads')
    fs.mkdirSync(path.join(uploads, '2026', '11'), { recursive: true })
    fs.writeFileSync(path.join(uploads, '2026', '11', 'a.webp'), 'a')
    const live = openDatabase(file)
    const backups = path.join(dir, 'backups')
    const first = await on(live, () => backupDatabase({ dir: backups, uploads, now: new Date('2026-11-20T00:00:00Z') }))
    fs.writeFileSync(path.join(uploads, '2026', '11', 'b.webp'), 'b')
    const second = await on(live, () =>
      backupDatabase({ dir: backups, uploads, now: new Date('2026-11-21T00:00:00Z') }),
    )
    live.close()
    expect([first.uploadsCopied, second.uploadsCopied]).toEqual([1, 1])
    expect(fs.readFileSync(path.join(backups, 'uploads', '2026', '11', 'b.webp'), 'utf8')).toBe('b')
  })
})

describe('retention', () => {
  const touch = (dir: string, names: string[]) => {
    fs.mkdirSync(dir, { recursive: true })
    for (const n of names) fs.writeFileSync(path.join(dir, n), '')
  }

  it('keeps the newest N and deletes only this database’s older backups', () => {
    const dir = tempDir()
    const names = [1, 2, 3, 4, 5].map((d) => `gazette-2026110${d}T030000000Z.db`)
    touch(dir, [...names, 'other-20261101T030000000Z.db', 'notes.txt'])
    const deleted = pruneBackups(dir, '/srv/gazette.db', { keep: 2 })
    expect(deleted.map((f) => path.basename(f)).sort()).toEqual(names.slice(0, 3))
    expect(fs.readdirSync(dir).sort()).toEqual([...names.slice(3), 'notes.txt', 'other-20261101T030000000Z.db'])
  })

  it('deletes backups older than N days, but never the newest', () => {
    const dir = tempDir()
    touch(dir, ['gazette-20261101T000000000Z.db', 'gazette-20261110T000000000Z.db', 'gazette-20261120T000000000Z.db'])
    const now = new Date('2026-11-23T00:00:00Z')
    pruneBackups(dir, 'gazette.db', { keepDays: 7 }, now)
    expect(listBackups(dir, 'gazette.db').map((b) => path.basename(b.file))).toEqual(['gazette-20261120T000000000Z.db'])
    pruneBackups(dir, 'gazette.db', { keepDays: 1 }, now)
    expect(listBackups(dir, 'gazette.db')).toHaveLength(1)
  })
})

describe('restore', () => {
  it('brings the data back, migrates, and keeps the replaced database aside', async () => {
    const { dir, file } = freshDatabase()
    let live = openDatabase(file)
    live.prepare(`insert into settings (key, value) values ('name', '"Before"')`).run()
    const { file: backup } = await on(live, () => backupDatabase({ dir: path.join(dir, 'backups') }))
    live.prepare(`update settings set value = '"After"' where key = 'name'`).run()
    live.close()

    const { keptAs } = restoreDatabase(backup, file)
    live = openDatabase(file)
    expect(live.prepare(`select value from settings where key = 'name'`).get()).toEqual({ value: '"Before"' })
    expect(live.pragma('journal_mode', { simple: true })).toBe('wal')
    live.close()
    expect(keptAs).toMatch(/gazette\.db\.before-restore-\d{8}T\d{9}Z$/)
    const old = new Database(keptAs!, { readonly: true })
    expect(old.prepare(`select value from settings where key = 'name'`).get()).toEqual({ value: '"After"' })
    old.close()
  })

  it('refuses while another connection holds the database', () => {
    const { dir, file } = freshDatabase()
    const backup = path.join(dir, 'copy.db')
    fs.copyFileSync(file, backup)
    const server = openDatabase(file)
    server.prepare('select 1').get()
    expect(databaseInUse(file)).toBe(true)
    expect(() => restoreDatabase(backup, file)).toThrow(/open in another process/)
    server.close()
    expect(databaseInUse(file)).toBe(false)
  })

  it('refuses a file that is not a database, a corrupt one, or another application’s', () => {
    const { dir, file } = freshDatabase()
    const text = path.join(dir, 'notes.db')
    fs.writeFileSync(text, 'not a database at all, just some text that is long enough '.repeat(100))
    expect(() => restoreDatabase(text, file)).toThrow(RestoreError)
    expect(() => restoreDatabase(text, file)).toThrow(/not a readable SQLite database/)

    const corrupt = path.join(dir, 'corrupt.db')
    fs.copyFileSync(file, corrupt)
    const bytes = fs.readFileSync(corrupt)
    // Overwrite every page after the first (the schema) with noise.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff
    fs.writeFileSync(corrupt, bytes)
    expect(checkGazetteDatabase(corrupt)[0]).toMatch(/integrity check|not a readable SQLite database/)
    expect(() => restoreDatabase(corrupt, file)).toThrow(RestoreError)

    const foreign = path.join(dir, 'foreign.db')
    new Database(foreign).exec('create table t (x)').close()
    expect(() => restoreDatabase(foreign, file)).toThrow(/not a Gazette one/)
    expect(() => restoreDatabase(path.join(dir, 'missing.db'), file)).toThrow(/does not exist/)

    // Nothing was moved aside by a refused restore.
    expect(fs.readdirSync(dir).filter((f) => f.includes('before-restore'))).toEqual([])
  })
})

describe('scheduled backup', () => {
  it('runs when the newest backup is old enough, never when off', async () => {
    const { dir, file } = freshDatabase()
    const live = openDatabase(file)
    const backups = path.join(dir, 'backups')
    const at = (iso: string) => ({ everyHours: 24, keep: 2, dir: backups, now: new Date(iso) })
    expect(await on(live, () => backupIfDue({ ...at('2026-11-20T00:00:00Z'), everyHours: 0 }))).toBeUndefined()
    expect(await on(live, () => backupIfDue(at('2026-11-20T00:00:00Z')))).toBeDefined()
    expect(await on(live, () => backupIfDue(at('2026-11-20T23:59:00Z')))).toBeUndefined()
    expect(await on(live, () => backupIfDue(at('2026-11-21T00:00:00Z')))).toBeDefined()
    const third = await on(live, () => backupIfDue(at('2026-11-22T00:00:00Z')))
    live.close()
    expect(third?.deleted.map((f) => path.basename(f))).toEqual(['gazette-20261120T000000000Z.db'])
    expect(listBackups(backups, file)).toHaveLength(2)
  })
})
