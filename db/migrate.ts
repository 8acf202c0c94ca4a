import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import path from 'node:path'
import type pg from 'pg'
import { currentEngine, db, type Drizzle, writerConnection } from './client'

/** Each engine's migrations: SQLite's in drizzle/, PostgreSQL's in drizzle/postgres/. */
export const migrationsFolder = (engine: 'sqlite' | 'postgres') =>
  path.join(process.cwd(), engine === 'postgres' ? 'drizzle/postgres' : 'drizzle')

/**
 * Brings the current scope's database (or `target`) to the latest schema. Runs on the writing
 * connection even when handed the `db` handle, which outside a transaction reads only.
 */
export async function migrateDatabase(target?: Drizzle) {
  const handle = !target || target === db ? writerConnection() : target
  if (currentEngine() === 'postgres') {
    // Several processes may start at once: one migrates while the others wait on the advisory
    // lock, which belongs to a session, so all of it runs on one client of the pool.
    const source = handle.$client as unknown as pg.Pool | pg.PoolClient
    const client = 'release' in source || !('connect' in source) ? (source as pg.PoolClient) : await source.connect()
    try {
      // A standby (or a database read-only by default) refuses even the migrator's CREATE ... IF
      // NOT EXISTS. With nothing to apply, a server starts on it and serves readers; writers get
      // the 503 of a read-only database until it is promoted.
      if (await readOnlyAndCurrent(client)) return
      await client.query('SELECT pg_advisory_lock(7346201)')
      try {
        await migratePostgres(drizzlePostgres(client), { migrationsFolder: migrationsFolder('postgres') })
      } finally {
        await client.query('SELECT pg_advisory_unlock(7346201)').catch(() => {})
      }
    } finally {
      if (client !== source) client.release()
    }
    return
  }
  migrate(handle, { migrationsFolder: migrationsFolder('sqlite') })
}

async function readOnlyAndCurrent(client: pg.PoolClient) {
  const { rows } = await client.query<{ read_only: boolean; applied: boolean }>(
    `SELECT current_setting('transaction_read_only') = 'on' AS read_only,
       to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS applied`,
  )
  if (!rows[0]?.read_only || !rows[0].applied) return false
  const latest = await client.query<{ at: string | null }>(
    'SELECT max(created_at) AS at FROM drizzle.__drizzle_migrations',
  )
  const newest = Math.max(
    ...readMigrationFiles({ migrationsFolder: migrationsFolder('postgres') }).map((m) => m.folderMillis),
  )
  return Number(latest.rows[0]?.at ?? 0) >= newest
}
