// No 'server-only': the backup and restore scripts and the server's timer run these under tsx.
// db/client is loaded only by the functions that copy the site's database: it opens that
// database on import, which a restore must find closed.
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import path from 'node:path'

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

/** The current scope's database: its SQLite file, or its PostgreSQL URL. */
export async function currentDatabase(): Promise<
  { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string }
> {
  const { currentEngine, writerConnection } = await import('../client')
  const client = writerConnection().$client as unknown as { name: string } | { options: { connectionString: string } }
  if (currentEngine() === 'postgres')
    return { engine: 'postgres', url: (client as { options: { connectionString: string } }).options.connectionString }
  return { engine: 'sqlite', file: (client as { name: string }).name }
}

/** Dumps the PostgreSQL database at `url` to `file` in pg_dump's custom format, from one snapshot. */
export async function dumpDatabaseTo(url: string, file: string) {
  const { runPostgresTool } = await import('../postgres-tools')
  await runPostgresTool('pg_dump', ['--format=custom', `--file=${file}`, '--no-password'], url)
}

/**
 * Replaces everything in the PostgreSQL database at `url` with a pg_dump archive, then migrates it.
 * Gazette's schemas are dropped first, so tables a newer schema added do not outlive the restore
 * and the migrations then add them back; the archive itself goes in as one transaction.
 */
export async function restoreDumpFile(url: string, file: string) {
  const { default: pg } = await import('pg')
  const { drizzle: drizzlePostgres } = await import('drizzle-orm/node-postgres')
  const { migrate: migratePostgres } = await import('drizzle-orm/node-postgres/migrator')
  const { runPostgresTool } = await import('../postgres-tools')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('BEGIN')
    await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE')
    await client.query('DROP SCHEMA IF EXISTS public CASCADE')
    await client.query('CREATE SCHEMA public')
    await client.query('COMMIT')
  } finally {
    await client.end()
  }
  // Objects belong to the role restoring them, which may not be the one that took the backup.
  await runPostgresTool(
    'pg_restore',
    ['--single-transaction', '--exit-on-error', '--no-owner', '--no-acl', '--no-password', file],
    url,
  )
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  try {
    await migratePostgres(drizzlePostgres(pool), { migrationsFolder: path.join(process.cwd(), 'drizzle/postgres') })
  } finally {
    await pool.end()
  }
}
