import { eq } from 'drizzle-orm'
import { db } from '../client'
import { leases } from '../schema'

/** Who holds the lease `name` and until when, if anyone ever took it. */
export async function findLease(name: string) {
  const [lease] = await db.select().from(leases).where(eq(leases.name, name)).limit(1)
  return lease
}
