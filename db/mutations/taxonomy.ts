import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm'
import { categoryPath, tagPath } from '@/lib/urls'
import { db, transaction } from '../client'
import { articleTags, auditLog, categories, redirects, tags } from '../schema'
import { SlugTakenError } from './articles'

export { SlugTakenError }

/** Thrown when a section would become its own parent, grandparent… */
export class CategoryCycleError extends Error {}

export type CategoryFields = {
  name: string
  slug: string
  description: string | null
  parentId: number | null
  /** Index among its siblings: 0 is first. Siblings after it move down one place. */
  position: number
}

async function audit(actorId: number, action: string, entityType: string, entityId: number | null, detail: string) {
  await db.insert(auditLog).values({ userId: actorId, action, entityType, entityId, detail })
}

/** Keeps an old public URL working after a slug change; the server consults redirects before a 404. */
export async function addRedirect(fromPath: string, toPath: string) {
  if (fromPath === toPath) return
  await transaction(async () => {
    await db
      .insert(redirects)
      .values({ fromPath, toPath, statusCode: 301 })
      .onConflictDoUpdate({ target: redirects.fromPath, set: { toPath } })
    await db.update(redirects).set({ toPath }).where(eq(redirects.toPath, fromPath))
    await db.delete(redirects).where(eq(redirects.fromPath, toPath))
  })
}

async function categorySlugTaken(slug: string, exceptId?: number) {
  const rows = await db
    .select({ id: categories.id })
    .from(categories)
    .where(exceptId ? and(eq(categories.slug, slug), ne(categories.id, exceptId)) : eq(categories.slug, slug))
    .limit(1)
  return rows.length > 0
}

async function assertNoCycle(id: number, parentId: number | null) {
  const seen = new Set<number>()
  let current = parentId
  while (current !== null) {
    if (current === id || seen.has(current)) throw new CategoryCycleError('A section cannot sit inside itself.')
    seen.add(current)
    current =
      (await db.select({ parentId: categories.parentId }).from(categories).where(eq(categories.id, current)))[0]
        ?.parentId ?? null
  }
}

/** Renumbers the siblings under parentId 0…n-1, with `placed` (if given) at index `at`. */
async function renumberSiblings(parentId: number | null, placed?: { id: number; at: number }) {
  const ids = (
    await db
      .select({ id: categories.id })
      .from(categories)
      .where(parentId === null ? isNull(categories.parentId) : eq(categories.parentId, parentId))
      .orderBy(asc(categories.position), asc(categories.name))
  )
    .map((r) => r.id)
    .filter((id) => id !== placed?.id)
  if (placed) ids.splice(Math.max(0, Math.min(placed.at, ids.length)), 0, placed.id)
  for (const [position, id] of ids.entries()) await db.update(categories).set({ position }).where(eq(categories.id, id))
}

export async function insertCategory(fields: CategoryFields, actorId: number) {
  return transaction(async () => {
    if (await categorySlugTaken(fields.slug)) throw new SlugTakenError(fields.slug)
    const [{ id }] = (await db.insert(categories).values(fields).returning({ id: categories.id })) as [{ id: number }]
    await renumberSiblings(fields.parentId, { id, at: fields.position })
    await audit(actorId, 'create', 'category', id, fields.name)
    return { id, slug: fields.slug }
  })
}

export async function updateCategory(id: number, fields: CategoryFields, actorId: number) {
  return transaction(async () => {
    const [before] = await db
      .select({ slug: categories.slug, parentId: categories.parentId })
      .from(categories)
      .where(eq(categories.id, id))
    if (!before) return undefined
    if (await categorySlugTaken(fields.slug, id)) throw new SlugTakenError(fields.slug)
    await assertNoCycle(id, fields.parentId)
    await db.update(categories).set(fields).where(eq(categories.id, id))
    await renumberSiblings(fields.parentId, { id, at: fields.position })
    if (before.parentId !== fields.parentId) await renumberSiblings(before.parentId)
    if (before.slug !== fields.slug) await addRedirect(categoryPath(before.slug), categoryPath(fields.slug))
    await audit(actorId, 'update', 'category', id, fields.name)
    return { id, slug: fields.slug, previousSlug: before.slug }
  })
}

/** Its articles stay, without a section; its subsections move up one level. */
export async function deleteCategory(id: number, actorId: number) {
  return transaction(async () => {
    const [row] = await db
      .select({ name: categories.name, slug: categories.slug, parentId: categories.parentId })
      .from(categories)
      .where(eq(categories.id, id))
    if (!row) return undefined
    await db.update(categories).set({ parentId: row.parentId }).where(eq(categories.parentId, id))
    await db.delete(categories).where(eq(categories.id, id))
    await renumberSiblings(row.parentId)
    await audit(actorId, 'delete', 'category', id, row.name)
    return row
  })
}

/** Sets the order of sibling sections: the first id gets position 0. */
export async function reorderCategories(orderedIds: number[], actorId: number) {
  await transaction(async () => {
    for (const [position, id] of orderedIds.entries())
      await db.update(categories).set({ position }).where(eq(categories.id, id))
    await audit(actorId, 'reorder', 'category', orderedIds[0] ?? null, orderedIds.join(','))
  })
}

export type TagFields = { name: string; slug: string; description?: string | null }

export async function renameTag(id: number, fields: TagFields, actorId: number) {
  return transaction(async () => {
    const [before] = await db.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, id))
    if (!before) return undefined
    const [clash] = await db
      .select({ id: tags.id })
      .from(tags)
      .where(and(eq(tags.slug, fields.slug), ne(tags.id, id)))
      .limit(1)
    if (clash) throw new SlugTakenError(fields.slug)
    await db.update(tags).set(fields).where(eq(tags.id, id))
    if (before.slug !== fields.slug) await addRedirect(tagPath(before.slug), tagPath(fields.slug))
    await audit(actorId, 'rename', 'tag', id, `${before.name} -> ${fields.name}`)
    return { id, slug: fields.slug, previousSlug: before.slug }
  })
}

/**
 * Moves every article of the source tags onto the target (an article already carrying the target
 * keeps a single link), then deletes the sources. Their old URLs redirect to the target's.
 */
export async function mergeTags(sourceIds: number[], targetId: number, actorId: number) {
  const sources = [...new Set(sourceIds)].filter((id) => id !== targetId)
  return transaction(async () => {
    const [target] = await db.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, targetId))
    if (!target) return undefined
    if (sources.length === 0) return { target, merged: [] as string[] }
    const rows = await db
      .select({ id: tags.id, name: tags.name, slug: tags.slug })
      .from(tags)
      .where(inArray(tags.id, sources))
    const links = await db
      .select({ articleId: articleTags.articleId })
      .from(articleTags)
      .where(inArray(articleTags.tagId, sources))
    for (const { articleId } of links)
      await db.insert(articleTags).values({ articleId, tagId: targetId }).onConflictDoNothing()
    await db.delete(tags).where(
      inArray(
        tags.id,
        rows.map((r) => r.id),
      ),
    )
    for (const r of rows) {
      await addRedirect(tagPath(r.slug), tagPath(target.slug))
      await audit(actorId, 'merge', 'tag', r.id, `${r.name} -> ${target.name}`)
    }
    return { target, merged: rows.map((r) => r.slug) }
  })
}

export async function deleteTag(id: number, actorId: number) {
  return transaction(async () => {
    const [row] = await db.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, id))
    if (!row) return undefined
    await db.delete(tags).where(eq(tags.id, id))
    await audit(actorId, 'delete', 'tag', id, row.name)
    return row
  })
}
