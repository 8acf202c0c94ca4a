import { sql } from 'drizzle-orm'
import { db, transaction } from '../client'

/**
 * One real write that changes nothing: the header's user_version rewritten with its own value
 * commits a page like any write, and a full disk or a read-only file refuses it the same way.
 */
export async function rewriteUserVersion() {
  await transaction(async () => {
    const row = await db.get<{ user_version: number }>(sql`PRAGMA user_version`)
    await db.run(sql.raw(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`))
  })
}
