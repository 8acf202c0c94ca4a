// No 'server-only': the front server reads this to fill a shared page for a signed-in reader.
import { eq, sql } from 'drizzle-orm'
import { db, prepared } from '../client'
import { joinedIds } from '../dialect'
import { users } from '../schema'

// Asked on every signed-in page view: compiled once per connection, not built and prepared each time.
const pageVisitor = prepared(() =>
  db
    .select({
      name: users.name,
      role: users.role,
      status: users.status,
      sessionVersion: users.sessionVersion,
      // Written out: drizzle leaves columns unqualified in a one-table select, which a subquery misreads.
      saved: sql<string | null>`(select ${joinedIds(sql`s.article_id`)} from saved_articles s
        join reading_lists l on l.id = s.list_id where l.user_id = users.id)`,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1),
)

/**
 * What a shared page needs to become a signed-in user's own, in one statement: whether the
 * session still holds (status, session version), their name and role, and every article they
 * have saved, in any list.
 */
export async function getPageVisitor(userId: number) {
  const row = await pageVisitor.get({ id: userId })
  if (!row) return undefined
  const { saved, ...user } = row
  return { ...user, saved: new Set(saved ? saved.split(',').map(Number) : []) }
}
