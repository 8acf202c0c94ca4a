// No 'server-only': the start script reports health too.
import { sql } from 'drizzle-orm'
import { writerConnection } from '../client'
import { rows } from '../dialect'

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
    await rows(sql`SELECT 1`)
    return true
  } catch {
    return false
  }
}
