// No 'server-only' here: the migrate, seed and start scripts import this under tsx.
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import fs from 'node:fs'
import path from 'node:path'
import * as schema from './schema'

export const databasePath = path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH ?? 'data/gazette.db')

/** Opens a SQLite file with the pragmas every Gazette connection needs. */
export function openDatabase(file: string = databasePath) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // Writers queue behind each other instead of failing at once with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

const g = globalThis as unknown as { gazetteSqlite?: Database.Database }
export const sqlite = g.gazetteSqlite ?? openDatabase()
// One connection per process, also across dev hot reloads and Next's module copies.
g.gazetteSqlite = sqlite

export const db = drizzle(sqlite, { schema })
export type DB = typeof db
/** The database or a transaction on it: what write helpers accept, so they compose inside one transaction. */
export type Executor = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>

/**
 * A query built and compiled on first use, then only bound and run: drizzle otherwise rebuilds
 * the SQL text and SQLite recompiles it on every call, which was most of the time a reader page
 * spent in its queries. `build` ends in drizzle's `.prepare()` and takes values by placeholder.
 */
export function prepared<T>(build: () => T): () => T {
  let query: T | undefined
  return () => (query ??= build())
}
