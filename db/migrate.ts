import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import path from 'node:path'
import { type DB, db, writerConnection } from './client'

/**
 * Brings the current scope's database (or `target`) to the latest schema. Runs on the writing
 * connection even when handed the `db` handle, which outside a transaction reads only.
 */
export function migrateDatabase(target?: DB) {
  const handle = !target || target === db ? writerConnection() : target
  migrate(handle, { migrationsFolder: path.join(process.cwd(), 'drizzle') })
}
