import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import path from 'node:path'
import { db, type Drizzle, writerConnection } from './client'

/**
 * Brings the current scope's database (or `target`) to the latest schema. Runs on the writing
 * connection even when handed the `db` handle, which outside a transaction reads only.
 */
export function migrateDatabase(target?: Drizzle) {
  const handle = !target || target === db ? writerConnection() : target
  migrate(handle, { migrationsFolder: path.join(process.cwd(), 'drizzle') })
}
