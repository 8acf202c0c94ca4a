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

/**
 * What a pg_dump archive (custom format) holds: the tables whose data it has, as `schema.table`.
 * Reads the whole archive, data included, so a truncated or damaged file throws as unreadable.
 */
export async function inspectDumpFile(file: string) {
  const { runPostgresTool } = await import('../postgres-tools')
  const { stdout } = await runPostgresTool('pg_restore', ['--list', file])
  // Writing the whole archive out as SQL reads and decompresses every block of it.
  await runPostgresTool('pg_restore', ['--file=/dev/null', file])
  const tables = stdout.split('\n').flatMap((line) => {
    const match = /^\d+; \d+ \d+ TABLE DATA (\S+) (\S+) /.exec(line)
    return match ? [`${match[1]}.${match[2]}`] : []
  })
  return { tables }
}

/** How many other sessions are connected to the PostgreSQL database at `url`. */
export async function otherSessions(url: string) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::integer as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    )
    return rows[0]!.n
  } finally {
    await client.end()
  }
}
