import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { connect, engine, withDatabase } from '@/db/client'
import { databaseHealth } from './health'

/** The health of the database `sqlite` is open on, as the site's own is checked. */
async function healthOf(sqlite: Database.Database, file: string) {
  const connection = connect(sqlite)
  try {
    return await withDatabase(connection, () => databaseHealth(file))
  } finally {
    connection.reader.$client.close()
  }
}

// Both are about a SQLite file (its permissions, a connection opened read-only, query_only): on
// PostgreSQL the site's database is a server, which these files cannot stand in for.
describe.skipIf(engine === 'postgres')('databaseHealth', () => {
  it('reports a writable database as ok and a read-only file as degraded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-health-'))
    const file = path.join(dir, 'site.db')
    const db = new Database(file)
    db.exec('CREATE TABLE t (x)')
    const healthy = await healthOf(db, file)
    expect(healthy.status).toBe('ok')
    expect(healthy.database).toMatchObject({ readable: true, writable: true })
    expect(healthy.disk.freeBytes).toBeGreaterThan(0)
    db.close()

    const readonly = new Database(file, { readonly: true })
    const degraded = await healthOf(readonly, file)
    expect(degraded.status).toBe('degraded')
    expect(degraded.database).toMatchObject({ readable: true, writable: false })
    readonly.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe.skipIf(engine === 'postgres')('databaseHealth after failed writes', () => {
  it('is degraded while writes fail and ok once a real write goes through again', async () => {
    const { reportWriteSuccess, tryWrite } = await import('@/lib/write-failure')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-health-'))
    const file = path.join(dir, 'site.db')
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE t (x)')
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const quietOut = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      db.pragma('query_only = ON')
      await tryWrite('test', async () => db.prepare('INSERT INTO t VALUES (1)').run())
      const failing = await healthOf(db, file)
      expect(failing.status).toBe('degraded')
      expect(failing.database).toMatchObject({ readable: true, writable: false, writeFailure: 'readonly' })
      db.pragma('query_only = OFF')
      const recovered = await healthOf(db, file)
      expect(recovered.status).toBe('ok')
      expect(recovered.database).toMatchObject({ writable: true })
      expect(recovered.database.writeFailure).toBeUndefined()
    } finally {
      quiet.mockRestore()
      quietOut.mockRestore()
      reportWriteSuccess()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.skipIf(engine !== 'postgres')('databaseHealth on PostgreSQL after failed writes', () => {
  it('keeps a full disk until a write of the site goes through, and clears what its own write disproves', async () => {
    const { reportWriteFailure, reportWriteSuccess } = await import('@/lib/write-failure')
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const quietOut = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      // The check's own write reaches only the WAL: a table's tablespace may be the disk that is full.
      reportWriteFailure('full', 'test')
      const full = await databaseHealth()
      expect(full.status).toBe('degraded')
      expect(full.database).toMatchObject({ readable: true, writable: false, writeFailure: 'full' })
      reportWriteFailure('unreachable', 'test')
      const back = await databaseHealth()
      expect(back.status).toBe('ok')
      expect(back.database.writeFailure).toBeUndefined()
    } finally {
      quiet.mockRestore()
      quietOut.mockRestore()
      reportWriteSuccess()
    }
  })
})
