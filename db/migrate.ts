import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres'
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
      await client.query('SELECT pg_advisory_lock(7346201)')
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: migrationsFolder('postgres') })
    } finally {
      await client.query('SELECT pg_advisory_unlock(7346201)').catch(() => {})
      if (client !== source) client.release()
    }
    return
  }
  migrate(handle, { migrationsFolder: migrationsFolder('sqlite') })
}
