import 'server-only'
import { and, gt, inArray } from 'drizzle-orm'
import { db } from '../client'
import { signInFailures } from '../schema'

/** The latest lock in force on any of these keys, if one is. */
export async function signInLockedUntil(keys: string[], now = new Date()) {
  const rows = await db
    .select({ lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, keys), gt(signInFailures.lockedUntil, now)))
  return rows.reduce<Date | undefined>((max, r) => (!max || r.lockedUntil! > max ? r.lockedUntil! : max), undefined)
}
