import 'server-only'
import { eq } from 'drizzle-orm'
import { db } from '../client'
import { redirects } from '../schema'

export function getRedirect(fromPath: string) {
  return db
    .select({ toPath: redirects.toPath, statusCode: redirects.statusCode })
    .from(redirects)
    .where(eq(redirects.fromPath, fromPath))
    .get()
}
