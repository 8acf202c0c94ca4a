import { eq, lt } from 'drizzle-orm'
import { db, transaction } from '../client'
import { signInFailures } from '../schema'

/**
 * How many failed sign-ins are free before a lock, per account and per client address, and how
 * the lock grows: 30 s at the first locked failure, doubling with each further one, at most an hour.
 * Failures are forgotten after a quiet day.
 */
export const signInLimits = {
  freeFailures: { account: 5, ip: 20 },
  firstLockMs: 30_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
}

export type SignInKey = { key: string; kind: 'account' | 'ip' }

export function lockDurationMs(failures: number, kind: SignInKey['kind']) {
  const over = failures - signInLimits.freeFailures[kind]
  if (over < 0) return 0
  return Math.min(signInLimits.firstLockMs * 2 ** over, signInLimits.maxLockMs)
}

/** Counts one failed sign-in against each key; returns the lock that now applies, if any. */
export async function recordSignInFailure(keys: SignInKey[], now = new Date()) {
  return transaction(async () => {
    let lockedUntil: Date | undefined
    for (const { key, kind } of keys) {
      const [row] = await db.select().from(signInFailures).where(eq(signInFailures.key, key)).limit(1)
      const stale = !row || now.getTime() - row.lastFailureAt.getTime() > signInLimits.forgetAfterMs
      const failures = (stale ? 0 : row.failures) + 1
      const lock = lockDurationMs(failures, kind)
      const until = lock > 0 ? new Date(now.getTime() + lock) : null
      await db
        .insert(signInFailures)
        .values({ key, failures, lastFailureAt: now, lockedUntil: until })
        .onConflictDoUpdate({
          target: signInFailures.key,
          set: { failures, lastFailureAt: now, lockedUntil: until },
        })
      if (until && (!lockedUntil || until > lockedUntil)) lockedUntil = until
    }
    return lockedUntil
  })
}

/** A successful sign-in clears its account's count (not the address's: one success must not
 * reset a credential-stuffing run). */
export async function clearSignInFailures(key: string) {
  await transaction(async () => {
    await db.delete(signInFailures).where(eq(signInFailures.key, key))
  })
}

export async function pruneSignInFailures(now = new Date()) {
  await transaction(async () => {
    await db
      .delete(signInFailures)
      .where(lt(signInFailures.lastFailureAt, new Date(now.getTime() - signInLimits.forgetAfterMs)))
  })
}
