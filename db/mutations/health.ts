import { sql } from 'drizzle-orm'
import { currentEngine, db, transaction } from '../client'
import { run } from '../dialect'

/**
 * One real write that changes nothing. SQLite: the header's user_version rewritten with its own
 * value commits a page like any write, and a full disk or a read-only file refuses it the same
 * way. PostgreSQL: taking a transaction id makes the commit write to the WAL, which a full disk
 * refuses, and a read-only standby refuses the id itself.
 */
export async function rewriteUserVersion() {
  await transaction(async () => {
    if (currentEngine() === 'postgres') return run(sql`SELECT pg_current_xact_id()`)
    const row = await db.get<{ user_version: number }>(sql`PRAGMA user_version`)
    await db.run(sql.raw(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`))
  })
}
