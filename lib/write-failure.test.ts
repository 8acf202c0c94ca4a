import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  answeringWriteFailures,
  currentWriteFailure,
  reportWriteFailure,
  reportWriteSuccess,
  tryWrite,
  writeFailureMessage,
  writeFailureOf,
} from './write-failure'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-write-failure-'))
let n = 0
/** A fresh SQLite file in WAL mode, as the server opens it, with one table of a few rows. */
function open() {
  const file = path.join(dir, `db-${++n}.db`)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE notes (body TEXT)')
  for (let i = 0; i < 5; i++) db.prepare('INSERT INTO notes VALUES (?)').run('x'.repeat(500))
  return { db, file }
}
const errorOf = (write: () => unknown) => {
  try {
    write()
  } catch (error) {
    return error
  }
  throw new Error('the write succeeded')
}

afterEach(() => reportWriteSuccess())

describe('writeFailureOf', () => {
  it('reads a full database (max_page_count reached) as a full disk', () => {
    const { db } = open()
    const pages = Number(db.pragma('page_count', { simple: true }))
    db.pragma(`max_page_count = ${pages}`)
    const error = errorOf(() => db.prepare('INSERT INTO notes VALUES (?)').run('y'.repeat(50_000)))
    expect((error as { code: string }).code).toBe('SQLITE_FULL')
    expect(writeFailureOf(error)).toBe('full')
    db.close()
  })

  it('reads a connection to a write-protected file as read-only', () => {
    const { db, file } = open()
    db.close()
    // What SQLite falls back to for a file it may not write (better-sqlite3 reports it as readonly).
    const readonly = new Database(file, { readonly: true })
    const error = errorOf(() => readonly.prepare('INSERT INTO notes VALUES (?)').run('y'))
    expect((error as { code: string }).code).toMatch(/^SQLITE_READONLY/)
    expect(writeFailureOf(error)).toBe('readonly')
    readonly.close()
  })

  it('reads a write lock held by another process past the busy timeout as busy', () => {
    const { db, file } = open()
    const other = new Database(file)
    other.exec('BEGIN IMMEDIATE')
    db.pragma('busy_timeout = 20')
    const error = errorOf(() => db.prepare('INSERT INTO notes VALUES (?)').run('y'))
    expect(writeFailureOf(error)).toBe('busy')
    other.exec('ROLLBACK')
    other.close()
    db.close()
  })

  it('follows the cause of an error wrapped by drizzle', () => {
    const { db } = open()
    db.pragma('query_only = ON')
    const notes = sqliteTable('notes', { body: text('body') })
    const error = errorOf(() => drizzle(db).insert(notes).values({ body: 'y' }).run())
    expect(writeFailureOf(error)).toBe('readonly')
    expect(writeFailureOf(new Error('wrapped', { cause: error }))).toBe('readonly')
    db.close()
  })

  it('knows I/O errors and file-system codes, and nothing else', () => {
    expect(writeFailureOf({ code: 'SQLITE_IOERR_WRITE' })).toBe('io')
    expect(writeFailureOf({ code: 'SQLITE_CANTOPEN' })).toBe('io')
    expect(writeFailureOf({ code: 'ENOSPC' })).toBe('full')
    expect(writeFailureOf({ code: 'EROFS' })).toBe('readonly')
    const { db } = open()
    db.exec('CREATE TABLE one (x UNIQUE)')
    db.exec('INSERT INTO one VALUES (1)')
    expect(writeFailureOf(errorOf(() => db.exec('INSERT INTO one VALUES (1)')))).toBeUndefined()
    expect(writeFailureOf(new Error('no'))).toBeUndefined()
    expect(writeFailureOf('SQLITE_FULL')).toBeUndefined()
    db.close()
  })
})

describe('the write state', () => {
  it('logs one line when writes start failing and one when they work again', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => !!lines.push(String(chunk)))
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => !!lines.push(String(chunk)))
    try {
      const { db } = open()
      db.pragma('query_only = ON')
      for (let i = 0; i < 5; i++) {
        const r = await tryWrite('notes', async () => db.prepare('INSERT INTO notes VALUES (?)').run('y'))
        expect(r).toEqual({ ok: false, reason: 'readonly' })
      }
      db.pragma('query_only = OFF')
      // A write that changed nothing proves nothing: the state stays.
      const noop = await tryWrite(
        'notes',
        async () => db.prepare('DELETE FROM notes WHERE 0').run(),
        (r) => r.changes > 0,
      )
      expect(noop.ok).toBe(true)
      expect(currentWriteFailure()?.reason).toBe('readonly')
      reportWriteFailure('full', 'notes')
      for (let i = 0; i < 3; i++)
        await tryWrite('notes', async () => db.prepare('INSERT INTO notes VALUES (?)').run('y'))
      expect(currentWriteFailure()).toBeUndefined()
      db.close()
    } finally {
      spy.mockRestore()
      out.mockRestore()
    }
    const messages = lines.map((l) => JSON.parse(l) as { message: string; reason: string })
    expect(messages.map((m) => [m.message, m.reason])).toEqual([
      ['database writes failing', 'readonly'],
      ['database writes failing', 'full'],
      ['database writes working again', 'full'],
    ])
  })

  it('passes any other error on', async () => {
    await expect(
      tryWrite('notes', async () => {
        throw new Error('a bug')
      }),
    ).rejects.toThrow('a bug')
  })

  it('tells the writer what happened and that nothing was saved', () => {
    expect(writeFailureMessage('full')).toBe(
      'The site cannot save changes right now (the disk is full). Nothing was saved; please try again in a few minutes.',
    )
    expect(writeFailureMessage('readonly')).toContain('(the database is read-only)')
  })
})

describe('answeringWriteFailures', () => {
  it('answers a route handler whose write met a full database with 503, Retry-After and the reason', async () => {
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const { db } = open()
      db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`)
      const response = await answeringWriteFailures('test', async () => {
        db.prepare('INSERT INTO notes VALUES (?)').run('y'.repeat(50_000))
        return new Response('saved')
      })
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('120')
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(await response.text()).toBe(`${writeFailureMessage('full')}\n`)
      db.close()
    } finally {
      quiet.mockRestore()
    }
    await expect(
      answeringWriteFailures('test', async () => {
        throw new Error('a bug')
      }),
    ).rejects.toThrow('a bug')
    expect((await answeringWriteFailures('test', async () => new Response('saved'))).status).toBe(200)
  })
})
