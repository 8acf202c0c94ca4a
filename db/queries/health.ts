// No 'server-only': the start script reports health too.
import { sql } from 'drizzle-orm'
import { currentEngine, writerConnection } from '../client'
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

/** Which engine the current scope's database runs on. */
export function databaseEngine() {
  return currentEngine()
}

/**
 * What a PostgreSQL server says of the database: whether it takes writes (not a standby, not
 * read-only by default) and its size. Undefined when the server does not answer.
 */
export async function postgresState() {
  try {
    const [row] = await rows<{ read_only: boolean; size: string }>(sql`
      SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only') = 'on' AS read_only,
        pg_database_size(current_database()) AS size`)
    return row && { readOnly: row.read_only, sizeBytes: Number(row.size) }
  } catch {
    return undefined
  }
}
