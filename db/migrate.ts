import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import path from 'node:path'
import type { DB } from './client'

export function migrateDatabase(db: DB) {
  migrate(db, { migrationsFolder: path.join(process.cwd(), 'drizzle') })
}
