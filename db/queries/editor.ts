import 'server-only'
import { eq } from 'drizzle-orm'
import { db } from '../client'
import { articles } from '../schema'

// Reads of the article editor's actions, with no auth: the actions authorize with what they return.

/** What the save action checks before writing: who owns the article, where it stands, its stored key points. */
export async function getArticleSaveState(id: number) {
  const [row] = await db
    .select({
      authorId: articles.authorId,
      status: articles.status,
      publishedAt: articles.publishedAt,
      keyPoints: articles.keyPoints,
    })
    .from(articles)
    .where(eq(articles.id, id))
  return row
}

/** What a summary service is given for an article, with what its caller needs to authorize. */
export async function getArticleSummarySource(id: number) {
  const [row] = await db
    .select({ authorId: articles.authorId, status: articles.status, title: articles.title, text: articles.bodyText })
    .from(articles)
    .where(eq(articles.id, id))
  return row
}
