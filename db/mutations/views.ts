import { eq, sql } from 'drizzle-orm'
import { db, transaction } from '../client'
import { articles } from '../schema'

/**
 * Adds reads to `articles.view_count`, all in one transaction. No trigger watches that column, so
 * counting purges no cached page.
 */
export async function addArticleViews(counts: ReadonlyMap<number, number>) {
  await transaction(async () => {
    for (const [id, n] of counts)
      await db
        .update(articles)
        .set({ viewCount: sql`${articles.viewCount} + ${n}` })
        .where(eq(articles.id, id))
  })
}
