// No 'server-only': the seed and start scripts run it under tsx. Row by row, for the demo seed in
// services/seed, which runs them all in one transaction().
import { sql } from 'drizzle-orm'
import { currentEngine, db, transaction } from '../client'
import { run } from '../dialect'
import { hasAnyUser } from '../queries/seed'
import {
  articleAuthors,
  articles,
  articleSections,
  articleTags,
  categories,
  comments,
  media,
  pages,
  settings,
  tags,
  users,
} from '../schema'

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert']

/**
 * Called first in the seeding transaction: true when this process is to seed the database. Hosts
 * started together all find it empty before seeding; they queue here (on SQLite behind BEGIN
 * IMMEDIATE, which admits one writer; on PostgreSQL on a transaction lock, where serializable
 * isolation alone would let them all write until the first commits, then roll back and retry),
 * and those after the first find it seeded.
 */
export async function claimEmptyDatabase() {
  if (currentEngine() === 'postgres') await run(sql`SELECT pg_advisory_xact_lock(7346202)`)
  return !(await hasAnyUser())
}

export async function seedSetting(key: string, value: Insert<typeof settings>['value']) {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
}

export async function seedUser(values: Insert<typeof users>) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id })
  return row!.id
}

export async function seedSection(values: Insert<typeof categories>) {
  const [row] = await db.insert(categories).values(values).returning({ id: categories.id })
  return row!.id
}

export async function seedMedia(values: Insert<typeof media>) {
  const [row] = await db.insert(media).values(values).returning({ id: media.id })
  return row!.id
}

export async function seedTag(values: Insert<typeof tags>) {
  const [row] = await db.insert(tags).values(values).returning({ id: tags.id })
  return row!.id
}

/** An article with its bylines (in order), the sections it is also listed in and its tags. */
export async function seedArticle(
  values: Insert<typeof articles>,
  links: { authorIds: number[]; alsoInSectionIds: number[]; tagIds: number[] },
) {
  const [row] = await db.insert(articles).values(values).returning({ id: articles.id })
  const articleId = row!.id
  for (const [position, userId] of links.authorIds.entries())
    await db.insert(articleAuthors).values({ articleId, userId, position })
  for (const categoryId of links.alsoInSectionIds) await db.insert(articleSections).values({ articleId, categoryId })
  for (const tagId of links.tagIds) await db.insert(articleTags).values({ articleId, tagId }).onConflictDoNothing()
  return articleId
}

export async function seedComment(values: Insert<typeof comments>) {
  const [row] = await db.insert(comments).values(values).returning({ id: comments.id })
  return row!.id
}

export async function seedPage(values: Insert<typeof pages>) {
  await db.insert(pages).values(values)
}

/** Sizes and statistics for the query planner, once the tables hold real data. */
export async function analyzeDatabase() {
  await transaction(async () => {
    await run(sql`ANALYZE`)
  })
}
