import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm'
import { categoryPath, tagPath } from '@/lib/urls'
import type { Executor } from '../client'
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

function audit(
  tx: Executor,
  actorId: number,
  action: string,
  entityType: string,
  entityId: number | null,
  detail: string,
) {
  tx.insert(auditLog).values({ userId: actorId, action, entityType, entityId, detail }).run()
}

/** Keeps an old public URL working after a slug change; the server consults redirects before a 404. */
export function addRedirect(tx: Executor, fromPath: string, toPath: string) {
  if (fromPath === toPath) return
  tx.insert(redirects)
    .values({ fromPath, toPath, statusCode: 301 })
    .onConflictDoUpdate({ target: redirects.fromPath, set: { toPath } })
    .run()
  tx.update(redirects).set({ toPath }).where(eq(redirects.toPath, fromPath)).run()
  tx.delete(redirects).where(eq(redirects.fromPath, toPath)).run()
}

function categorySlugTaken(tx: Executor, slug: string, exceptId?: number) {
  return !!tx
    .select({ id: categories.id })
    .from(categories)
    .where(exceptId ? and(eq(categories.slug, slug), ne(categories.id, exceptId)) : eq(categories.slug, slug))
    .get()
}

function assertNoCycle(tx: Executor, id: number, parentId: number | null) {
  const seen = new Set<number>()
  let current = parentId
  while (current !== null) {
    if (current === id || seen.has(current)) throw new CategoryCycleError('A section cannot sit inside itself.')
    seen.add(current)
    current =
      tx.select({ parentId: categories.parentId }).from(categories).where(eq(categories.id, current)).get()?.parentId ??
      null
  }
}

/** Renumbers the siblings under parentId 0…n-1, with `placed` (if given) at index `at`. */
function renumberSiblings(tx: Executor, parentId: number | null, placed?: { id: number; at: number }) {
  const ids = tx
    .select({ id: categories.id })
    .from(categories)
    .where(parentId === null ? isNull(categories.parentId) : eq(categories.parentId, parentId))
    .orderBy(asc(categories.position), asc(categories.name))
    .all()
    .map((r) => r.id)
    .filter((id) => id !== placed?.id)
  if (placed) ids.splice(Math.max(0, Math.min(placed.at, ids.length)), 0, placed.id)
  ids.forEach((id, position) => tx.update(categories).set({ position }).where(eq(categories.id, id)).run())
}

export function insertCategory(db: Executor, fields: CategoryFields, actorId: number) {
  return db.transaction((tx) => {
    if (categorySlugTaken(tx, fields.slug)) throw new SlugTakenError(fields.slug)
    const { id } = tx.insert(categories).values(fields).returning({ id: categories.id }).get()
    renumberSiblings(tx, fields.parentId, { id, at: fields.position })
    audit(tx, actorId, 'create', 'category', id, fields.name)
    return { id, slug: fields.slug }
  })
}

export function updateCategory(db: Executor, id: number, fields: CategoryFields, actorId: number) {
  return db.transaction((tx) => {
    const before = tx
      .select({ slug: categories.slug, parentId: categories.parentId })
      .from(categories)
      .where(eq(categories.id, id))
      .get()
    if (!before) return undefined
    if (categorySlugTaken(tx, fields.slug, id)) throw new SlugTakenError(fields.slug)
    assertNoCycle(tx, id, fields.parentId)
    tx.update(categories).set(fields).where(eq(categories.id, id)).run()
    renumberSiblings(tx, fields.parentId, { id, at: fields.position })
    if (before.parentId !== fields.parentId) renumberSiblings(tx, before.parentId)
    if (before.slug !== fields.slug) addRedirect(tx, categoryPath(before.slug), categoryPath(fields.slug))
    audit(tx, actorId, 'update', 'category', id, fields.name)
    return { id, slug: fields.slug, previousSlug: before.slug }
  })
}

/** Its articles stay, without a section; its subsections move up one level. */
export function deleteCategory(db: Executor, id: number, actorId: number) {
  return db.transaction((tx) => {
    const row = tx
      .select({ name: categories.name, slug: categories.slug, parentId: categories.parentId })
      .from(categories)
      .where(eq(categories.id, id))
      .get()
    if (!row) return undefined
    tx.update(categories).set({ parentId: row.parentId }).where(eq(categories.parentId, id)).run()
    tx.delete(categories).where(eq(categories.id, id)).run()
    renumberSiblings(tx, row.parentId)
    audit(tx, actorId, 'delete', 'category', id, row.name)
    return row
  })
}

/** Sets the order of sibling sections: the first id gets position 0. */
export function reorderCategories(db: Executor, orderedIds: number[], actorId: number) {
  db.transaction((tx) => {
    orderedIds.forEach((id, position) => tx.update(categories).set({ position }).where(eq(categories.id, id)).run())
    audit(tx, actorId, 'reorder', 'category', orderedIds[0] ?? null, orderedIds.join(','))
  })
}

export type TagFields = { name: string; slug: string; description?: string | null }

export function renameTag(db: Executor, id: number, fields: TagFields, actorId: number) {
  return db.transaction((tx) => {
    const before = tx.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, id)).get()
    if (!before) return undefined
    const clash = tx
      .select({ id: tags.id })
      .from(tags)
      .where(and(eq(tags.slug, fields.slug), ne(tags.id, id)))
      .get()
    if (clash) throw new SlugTakenError(fields.slug)
    tx.update(tags).set(fields).where(eq(tags.id, id)).run()
    if (before.slug !== fields.slug) addRedirect(tx, tagPath(before.slug), tagPath(fields.slug))
    audit(tx, actorId, 'rename', 'tag', id, `${before.name} -> ${fields.name}`)
    return { id, slug: fields.slug, previousSlug: before.slug }
  })
}

/**
 * Moves every article of the source tags onto the target (an article already carrying the target
 * keeps a single link), then deletes the sources. Their old URLs redirect to the target's.
 */
export function mergeTags(db: Executor, sourceIds: number[], targetId: number, actorId: number) {
  const sources = [...new Set(sourceIds)].filter((id) => id !== targetId)
  return db.transaction((tx) => {
    const target = tx.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, targetId)).get()
    if (!target) return undefined
    if (sources.length === 0) return { target, merged: [] as string[] }
    const rows = tx
      .select({ id: tags.id, name: tags.name, slug: tags.slug })
      .from(tags)
      .where(inArray(tags.id, sources))
      .all()
    const links = tx
      .select({ articleId: articleTags.articleId })
      .from(articleTags)
      .where(inArray(articleTags.tagId, sources))
      .all()
    for (const { articleId } of links)
      tx.insert(articleTags).values({ articleId, tagId: targetId }).onConflictDoNothing().run()
    tx.delete(tags)
      .where(
        inArray(
          tags.id,
          rows.map((r) => r.id),
        ),
      )
      .run()
    for (const r of rows) {
      addRedirect(tx, tagPath(r.slug), tagPath(target.slug))
      audit(tx, actorId, 'merge', 'tag', r.id, `${r.name} -> ${target.name}`)
    }
    return { target, merged: rows.map((r) => r.slug) }
  })
}

export function deleteTag(db: Executor, id: number, actorId: number) {
  return db.transaction((tx) => {
    const row = tx.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, id)).get()
    if (!row) return undefined
    tx.delete(tags).where(eq(tags.id, id)).run()
    audit(tx, actorId, 'delete', 'tag', id, row.name)
    return row
  })
}
