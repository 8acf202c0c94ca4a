import { lt } from 'drizzle-orm'
import { db, transaction } from '../client'
import { affectedRows } from '../dialect'
import { cachePurges } from '../schema'

/** Deletes the purge events written before `before`; returns how many went. */
export async function pruneCachePurges(before: Date) {
  return transaction(async () => affectedRows(await db.delete(cachePurges).where(lt(cachePurges.createdAt, before))))
}
