// No 'server-only': the HTTP server consults this before answering 404.
import { eq } from 'drizzle-orm'
import { db } from '../client'
import { redirects } from '../schema'

/** Where a moved URL lives now (old article slugs and dates, imported permalinks). */
export function findRedirect(fromPath: string) {
  return db
    .select({ toPath: redirects.toPath, statusCode: redirects.statusCode })
    .from(redirects)
    .where(eq(redirects.fromPath, fromPath))
    .get()
}
