// No 'server-only': the start script reports health too.
import { sql } from 'drizzle-orm'
import { db, writerConnection } from '../client'

/** The file of the current scope's database. */
export function databaseFile() {
  return writerConnection().$client.name
}

/** Whether the connection that writes was opened read-only. */
export function databaseOpenedReadOnly() {
  return writerConnection().$client.readonly
}

/** Whether the database answers a query at all. */
export async function databaseAnswers() {
  try {
    await db.get(sql`SELECT count(*) FROM sqlite_master`)
    return true
  } catch {
    return false
  }
}
