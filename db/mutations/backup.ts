// No 'server-only': the backup and restore scripts and the server's timer run these under tsx.
// db/client is loaded only by the functions that copy the site's database: it opens that
// database on import, which a restore must find closed.
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

/** The file of the current scope's database. */
export async function currentDatabaseFile() {
  const { writerConnection } = await import('../client')
  return writerConnection().$client.name
}

/**
 * Copies the current scope's database to `file` through SQLite's backup API, all remaining pages
 * in one step: a step reads one snapshot (in WAL mode without blocking writers), whereas small
 * steps restart whenever another connection commits in between.
 */
export async function copyDatabaseTo(file: string) {
  const { writerConnection } = await import('../client')
  await writerConnection().$client.backup(file, { progress: () => 0x7fffffff })
}

/** Turns a copied database into a self-contained rollback-journal file. */
export function makeSelfContained(file: string) {
  const copy = new Database(file)
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

/**
 * Takes `file` out of WAL mode, which needs the only connection to it and also folds the WAL into
 * the main file, so the file can then be moved on its own. False when another connection holds it.
 */
export function leaveWalMode(file: string): boolean {
  const db = new Database(file)
  try {
    db.pragma('busy_timeout = 0')
    db.pragma('journal_mode = DELETE')
    return db.pragma('journal_mode', { simple: true }) === 'delete'
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false
    throw error
  } finally {
    db.close()
  }
}

/** Puts a restored file back in WAL mode and migrates it to the current schema. */
export function migrateRestoredFile(file: string, migrationsFolder: string) {
  const sqlite = new Database(file)
  try {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    migrate(drizzle(sqlite), { migrationsFolder })
  } finally {
    sqlite.close()
  }
}
