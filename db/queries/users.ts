import 'server-only'
import { eq } from 'drizzle-orm'
import { db } from '../client'
import { users } from '../schema'

/** What sign-in needs to check a password; never leaves the server. */
export async function getUserCredentials(email: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1)
  return user
}

/** The current state of a signed-in user, re-read on every request so role changes and deactivation apply at once. */
export async function getSessionUser(id: number) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1)
  return user
}
