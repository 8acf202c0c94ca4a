import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFailureOf } from '@/lib/write-failure'
import { connectPostgres, databaseProblem, disconnect, transaction, withDatabase } from './client'
import { run } from './dialect'
import { migrateDatabase } from './migrate'
import { startPostgres, startStandby, type TestPostgres, type TestStandby } from './test-postgres'

let primary: TestPostgres
let standby: TestStandby

async function on<T>(server: TestPostgres, work: () => Promise<T>) {
  const connection = connectPostgres(server.url, 2)
  try {
    return await withDatabase(connection, work)
  } finally {
    await disconnect(connection)
  }
}

async function query(text: string) {
  const client = new pg.Client({ connectionString: primary.url })
  await client.connect()
  try {
    await client.query('SET default_transaction_read_only = off')
    await client.query(text)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  primary = await startPostgres()
  await on(primary, () => migrateDatabase())
  standby = await startStandby(primary)
})
afterAll(async () => {
  await standby?.stop()
  await primary?.stop()
})

describe('a PostgreSQL standby', () => {
  it('needs no migration when the primary has them all, so a server can start on it', async () => {
    await expect(on(standby, () => migrateDatabase())).resolves.toBeUndefined()
  })

  it('refuses a transaction as a read-only database, which writers are told as such', async () => {
    const error = await on(standby, () => transaction(() => run(sql`SELECT 1`))).catch((e: unknown) => e)
    expect(writeFailureOf(error)).toBe('readonly')
    expect(databaseProblem(error)).toBe('the server is read-only (a standby?): Gazette needs the primary')
  })
})

describe('a database read-only by default', () => {
  it('fails to start, naming the standby, when a migration is missing', async () => {
    await query('ALTER DATABASE gazette SET default_transaction_read_only = on')
    await query(`UPDATE drizzle.__drizzle_migrations SET created_at = created_at - 1
      WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)`)
    const error = await on(primary, () => migrateDatabase()).catch((e: unknown) => e)
    expect(databaseProblem(error)).toBe('the server is read-only (a standby?): Gazette needs the primary')
  })
})
