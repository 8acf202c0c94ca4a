// No 'server-only': the backup and restore scripts and the server's timer run these under tsx.
// Nor db/client: it opens the site's database on import, which a restore must find closed.
import Database from 'better-sqlite3'

/**
 * Opens `file` read-only and reports what SQLite's integrity check finds wrong (empty when
 * sound) and whether it has Gazette's migrations table. Throws when it is no SQLite database.
 */
export function inspectDatabaseFile(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const result = db.pragma('integrity_check') as { integrity_check: string }[]
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok')
    if (problems.length) return { problems, migrated: false }
    const migrations = db
      .prepare(`select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'`)
      .get() as { n: number }
    return { problems, migrated: migrations.n > 0 }
  } finally {
    db.close()
  }
}
