import { and, eq, lte, or, sql } from 'drizzle-orm'
import { db, transaction } from '../client'
import { leases } from '../schema'

/**
 * Takes the lease `name` for `owner` until `expiresAt`, or renews it: granted when nobody holds
 * it, when `owner` already does, or when its holder let it expire. One statement, so two servers
 * asking at once cannot both be granted it. Returns whether `owner` holds it now.
 */
export async function acquireLease(name: string, owner: string, expiresAt: Date, now = new Date()) {
  return transaction(async () => {
    const granted = await db
      .insert(leases)
      .values({ name, owner, expiresAt })
      .onConflictDoUpdate({
        target: leases.name,
        set: { owner: sql`excluded.owner`, expiresAt: sql`excluded.expires_at` },
        setWhere: or(eq(leases.owner, owner), lte(leases.expiresAt, now)),
      })
      .returning({ owner: leases.owner })
    return granted.length === 1
  })
}

/** Gives the lease up (a server shutting down), so another takes the work over at once. */
export async function releaseLease(name: string, owner: string) {
  return transaction(async () => {
    await db.delete(leases).where(and(eq(leases.name, name), eq(leases.owner, owner)))
  })
}
