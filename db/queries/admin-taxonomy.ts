import 'server-only'
import { asc, count, desc, eq, like, or } from 'drizzle-orm'
import { db } from '../client'
import { articles, articleTags, categories, media, pages, tags } from '../schema'

// Back-office reads for sections, tags, static pages and settings. None authorizes: the page or action
// calls requireStaff with the capability first. None is cached.

export type CategoryAdminRow = {
  id: number
  name: string
  slug: string
  description: string | null
  parentId: number | null
  position: number
  depth: number
  articleCount: number
}

/** Every section in navigation order (parents by position, each followed by its children), with article counts. */
export async function listCategoriesAdmin(): Promise<CategoryAdminRow[]> {
  const rows = await db
    .select({
      id: categories.id,
      name: categories.name,
      slug: categories.slug,
      description: categories.description,
      parentId: categories.parentId,
      position: categories.position,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name))
  const counts = new Map(
    (await db.select({ categoryId: articles.categoryId, n: count() }).from(articles).groupBy(articles.categoryId)).map(
      (c) => [c.categoryId, c.n],
    ),
  )
  const ordered: CategoryAdminRow[] = []
  const visited = new Set<number>()
  const visit = (parentId: number | null, depth: number) => {
    for (const row of rows.filter((r) => r.parentId === parentId && !visited.has(r.id))) {
      visited.add(row.id)
      ordered.push({ ...row, depth, articleCount: counts.get(row.id) ?? 0 })
      visit(row.id, depth + 1)
    }
  }
  visit(null, 0)
  return ordered
}

export async function listTagsAdmin({ q, page }: { q?: string; page: number }, perPage = 50) {
  const condition = q ? or(like(tags.name, `%${q}%`), like(tags.slug, `%${q}%`)) : undefined
  const total = (await db.select({ n: count() }).from(tags).where(condition))[0]?.n ?? 0
  const rows = await db
    .select({
      id: tags.id,
      name: tags.name,
      slug: tags.slug,
      description: tags.description,
      articleCount: count(articleTags.articleId),
    })
    .from(tags)
    .leftJoin(articleTags, eq(articleTags.tagId, tags.id))
    .where(condition)
    .groupBy(tags.id)
    .orderBy(asc(tags.name), asc(tags.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}

/** Every tag, for the merge target choice. */
export async function listTagChoicesAdmin() {
  return db.select({ id: tags.id, name: tags.name, slug: tags.slug }).from(tags).orderBy(asc(tags.name))
}

export async function listPagesAdmin() {
  return db
    .select({
      id: pages.id,
      title: pages.title,
      slug: pages.slug,
      status: pages.status,
      inTopNav: pages.inTopNav,
      position: pages.position,
      updatedAt: pages.updatedAt,
    })
    .from(pages)
    .orderBy(desc(pages.inTopNav), asc(pages.position), asc(pages.title))
}

export async function getPageAdmin(id: number) {
  const [row] = await db
    .select({
      id: pages.id,
      title: pages.title,
      slug: pages.slug,
      body: pages.body,
      status: pages.status,
      inTopNav: pages.inTopNav,
      position: pages.position,
      seoDescription: pages.seoDescription,
      publishedAt: pages.publishedAt,
      updatedAt: pages.updatedAt,
    })
    .from(pages)
    .where(eq(pages.id, id))
  return row
}

/** Images that can serve as the site logo. */
export async function listLogoChoicesAdmin() {
  return db
    .select({ id: media.id, path: media.path, alt: media.alt, originalName: media.originalName })
    .from(media)
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(200)
}
