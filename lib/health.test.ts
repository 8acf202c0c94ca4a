import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseHealth } from './health'

describe('databaseHealth', () => {
  it('reports a writable database as ok and a read-only file as degraded', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-health-'))
    const file = path.join(dir, 'site.db')
    const db = new Database(file)
    db.exec('CREATE TABLE t (x)')
    const healthy = databaseHealth(db, file)
    expect(healthy.status).toBe('ok')
    expect(healthy.database).toMatchObject({ readable: true, writable: true })
    expect(healthy.disk.freeBytes).toBeGreaterThan(0)
    db.close()

    const readonly = new Database(file, { readonly: true })
    const degraded = databaseHealth(readonly, file)
    expect(degraded.status).toBe('degraded')
    expect(degraded.database).toMatchObject({ readable: true, writable: false })
    readonly.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
