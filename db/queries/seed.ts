// No 'server-only': the seed and start scripts ask this under tsx.
import { count } from 'drizzle-orm'
import { db } from '../client'
import { users } from '../schema'

/** True once the database has any account: the demo seed only fills an empty one. */
export async function hasAnyUser() {
  const [row] = await db.select({ n: count() }).from(users)
  return (row?.n ?? 0) > 0
}
