import 'server-only'
import { asc, eq, sql } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../client'
import { rows } from '../dialect'
import { memoForContent } from './content-version'
import { articleSections, categories } from '../schema'

export type CategoryLink = { id: number; name: string; slug: string; parentId: number | null }

/**
 * Sections in navigation order: parents by position, each followed by its children. Every page's
 * header and footer shows them, and they change only with the content.
 */
export const listCategories = cache((): Promise<CategoryLink[]> => memoForContent('categories', orderedCategories))

async function orderedCategories() {
  const rows = await db
    .select({ id: categories.id, name: categories.name, slug: categories.slug, parentId: categories.parentId })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name))
  const ordered: CategoryLink[] = []
  const visit = (parentId: number | null) => {
    for (const row of rows.filter((r) => r.parentId === parentId)) {
      ordered.push(row)
      visit(row.id)
    }
  }
  visit(null)
  return ordered
}

export const listCategoriesWithCounts = cache(() =>
  memoForContent('section-counts', async () => {
    // One count per section, each a range of the covering (category, status, published) index:
    // a GROUP BY over the status index would read every published row from the table. Secondary
    // listings add to it: an article's primary section is never also one of its secondary ones.
    const counts = await db
      .select({
        id: categories.id,
        n: sql<number>`(SELECT count(*) FROM articles a WHERE a.category_id = "categories"."id" AND a.status = 'published')
          + (SELECT count(*) FROM ${articleSections} s JOIN articles a ON a.id = s.article_id
             WHERE s.category_id = "categories"."id" AND a.status = 'published')`.mapWith(Number),
      })
      .from(categories)
    const byId = new Map(counts.map((c) => [c.id, c.n]))
    return (await listCategories()).map((c) => ({ ...c, count: byId.get(c.id) ?? 0 }))
  }),
)

export const getCategoryBySlug = cache(
  async (slug: string) =>
    (
      await db
        .select({
          id: categories.id,
          name: categories.name,
          slug: categories.slug,
          description: categories.description,
        })
        .from(categories)
        .where(eq(categories.slug, slug))
        .limit(1)
    )[0],
)

/** Ids of a section and all its descendants, so a parent's listing includes its subsections. */
export async function categoryTreeIds(rootId: number): Promise<number[]> {
  const found = await rows<{ id: number }>(sql`
      WITH RECURSIVE tree(id) AS (
        SELECT CAST(${rootId} AS integer)
        UNION SELECT c.id FROM ${categories} c JOIN tree ON c.parent_id = tree.id
      ) SELECT id FROM tree`)
  return found.map((r) => r.id)
}

/** A section and the sections above it, outermost first: its breadcrumb trail. */
export async function listCategoryTrail(id: number): Promise<CategoryLink[]> {
  const byId = new Map((await listCategories()).map((c) => [c.id, c]))
  const trail: CategoryLink[] = []
  for (let c = byId.get(id); c && !trail.includes(c); c = c.parentId ? byId.get(c.parentId) : undefined)
    trail.unshift(c)
  return trail
}
