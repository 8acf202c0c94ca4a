import path from 'node:path'
import pg from 'pg'
import { describe, expect, it, vi } from 'vitest'
import { connect, databaseProblem, disconnect, openDatabase } from './client'

// Read with the rest of the configuration when the client is imported.
vi.hoisted(() => {
  process.env.DATABASE_BUSY_TIMEOUT_MS = '250'
})

describe('openDatabase', () => {
  it("waits DATABASE_BUSY_TIMEOUT_MS for another process's lock, on the writer and the reader", async () => {
    const connection = connect(openDatabase(path.join(path.dirname(process.env.DATABASE_PATH!), 'busy.db')))
    if (connection.engine !== 'sqlite') throw new Error('a SQLite connection')
    expect(connection.sqlite.pragma('busy_timeout', { simple: true })).toBe(250)
    expect(connection.reader.$client.pragma('busy_timeout', { simple: true })).toBe(250)
    await disconnect(connection)
  })
})

describe('databaseProblem', () => {
  it('says in one line why a PostgreSQL server could not be used', async () => {
    const refused = await new pg.Client({ connectionString: 'postgres://gazette@127.0.0.1:1/gazette' })
      .connect()
      .catch((error: unknown) => error)
    expect(databaseProblem(refused)).toMatch(/^connection refused/)

    const wrapped = (code: string, message: string) =>
      new Error('Failed query: CREATE SCHEMA IF NOT EXISTS "drizzle"\nparams: ', {
        cause: Object.assign(new Error(message), { code }),
      })
    expect(databaseProblem(wrapped('3D000', 'database "news" does not exist'))).toBe(
      'database "news" does not exist (create it first: createdb, or CREATE DATABASE)',
    )
    expect(databaseProblem(wrapped('42501', 'permission denied for database news'))).toBe(
      'missing rights: permission denied for database news (the role needs to own the database, or CREATE on its schema)',
    )
    expect(databaseProblem(wrapped('28P01', 'password authentication failed for user "gazette"'))).toMatch(
      /^authentication failed/,
    )
    for (const code of ['3D000', '42501', '28P01']) expect(databaseProblem(wrapped(code, 'x'))).not.toContain('\n')
  })
})
