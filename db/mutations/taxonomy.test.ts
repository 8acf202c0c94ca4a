import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, articleTags, auditLog, categories, redirects, tags, users } from '../schema'
import { firstRow } from '../test-fixtures'
import { seedDatabase } from '@/services/seed/seed'
import {
  CategoryCycleError,
  deleteCategory,
  deleteTag,
  insertCategory,
  mergeTags,
  renameTag,
  reorderCategories,
  SlugTakenError,
  updateCategory,
} from './taxonomy'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let actorId: number

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 20, images: 1, adminPassword: 'x'.repeat(12) })
  actorId = (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1))).id
})

const topLevel = () =>
  db
    .select({ id: categories.id, slug: categories.slug, position: categories.position })
    .from(categories)
    .where(isNull(categories.parentId))
    .orderBy(asc(categories.position), asc(categories.name))

const fields = (over: Partial<Parameters<typeof insertCategory>[0]> = {}) => ({
  name: 'Local Heroes',
  slug: 'local-heroes',
  description: null,
  parentId: null,
  position: 0,
  ...over,
})

describe('sections', () => {
  it('inserts at the given position and renumbers the siblings', async () => {
    const before = await topLevel()
    const { id } = await insertCategory(fields(), actorId)
    const after = await topLevel()
    expect(after[0]!.id).toBe(id)
    expect(after.map((c) => c.position)).toEqual(after.map((_, i) => i))
    expect(after.slice(1).map((c) => c.id)).toEqual(before.map((c) => c.id))
    await deleteCategory(id, actorId)
    expect((await topLevel()).map((c) => c.id)).toEqual(before.map((c) => c.id))
  })

  it('refuses a slug another section uses', async () => {
    const taken = (await topLevel())[0]!.slug
    await expect(insertCategory(fields({ slug: taken }), actorId)).rejects.toThrow(SlugTakenError)
    const { id } = await insertCategory(fields({ slug: 'clash-test' }), actorId)
    await expect(updateCategory(id, fields({ slug: taken }), actorId)).rejects.toThrow(SlugTakenError)
    await deleteCategory(id, actorId)
  })

  it('refuses making a section its own ancestor', async () => {
    const parent = await insertCategory(fields({ name: 'Parent', slug: 'cycle-parent' }), actorId)
    const child = await insertCategory(fields({ name: 'Child', slug: 'cycle-child', parentId: parent.id }), actorId)
    const grandchild = await insertCategory(
      fields({ name: 'Grandchild', slug: 'cycle-grandchild', parentId: child.id }),
      actorId,
    )
    await expect(
      updateCategory(parent.id, fields({ slug: 'cycle-parent', parentId: parent.id }), actorId),
    ).rejects.toThrow(CategoryCycleError)
    await expect(
      updateCategory(parent.id, fields({ slug: 'cycle-parent', parentId: grandchild.id }), actorId),
    ).rejects.toThrow(CategoryCycleError)
    // Deleting the middle one lifts the grandchild to the parent.
    await deleteCategory(child.id, actorId)
    const lifted = await firstRow(db.select().from(categories).where(eq(categories.id, grandchild.id)))
    expect(lifted.parentId).toBe(parent.id)
    await deleteCategory(grandchild.id, actorId)
    await deleteCategory(parent.id, actorId)
  })

  it('keeps the articles of a deleted section, without a section, and redirects a renamed one', async () => {
    const { id } = await insertCategory(fields({ slug: 'doomed' }), actorId)
    const article = await firstRow(db.select({ id: articles.id }).from(articles).orderBy(articles.id).limit(1))
    await writer.update(articles).set({ categoryId: id }).where(eq(articles.id, article.id))
    await updateCategory(id, fields({ slug: 'doomed-renamed' }), actorId)
    const [redirect] = await db.select().from(redirects).where(eq(redirects.fromPath, '/category/doomed/'))
    expect(redirect?.toPath).toBe('/category/doomed-renamed/')
    await deleteCategory(id, actorId)
    expect(
      await db.select({ categoryId: articles.categoryId }).from(articles).where(eq(articles.id, article.id)),
    ).toEqual([{ categoryId: null }])
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'category'), eq(auditLog.entityId, id)))
      .orderBy(auditLog.id)
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'delete'])
  })

  it('reorders siblings', async () => {
    const ids = (await topLevel()).map((c) => c.id)
    await reorderCategories([...ids].reverse(), actorId)
    expect((await topLevel()).map((c) => c.id)).toEqual([...ids].reverse())
    await reorderCategories(ids, actorId)
    expect((await topLevel()).map((c) => c.id)).toEqual(ids)
  })
})

const tagCounts = () =>
  db
    .select({ tagId: articleTags.tagId, n: count() })
    .from(articleTags)
    .groupBy(articleTags.tagId)
    .orderBy(desc(count()), articleTags.tagId)

describe('tags', () => {
  it('merges tags, leaving every article tagged with the target exactly once', async () => {
    const [a, b, c] = (await tagCounts()).slice(0, 3).map((t) => t.tagId) as [number, number, number]
    const tagged = async (ids: number[]) =>
      new Set(
        (
          await db.select({ articleId: articleTags.articleId }).from(articleTags).where(inArray(articleTags.tagId, ids))
        ).map((r) => r.articleId),
      )
    const expected = await tagged([a, b, c])
    // Make sure at least one article carries both a source and the target.
    const overlap = await firstRow(
      db
        .select({ articleId: articleTags.articleId })
        .from(articleTags)
        .where(eq(articleTags.tagId, b))
        .orderBy(articleTags.articleId)
        .limit(1),
    )
    await writer.insert(articleTags).values({ articleId: overlap.articleId, tagId: a }).onConflictDoNothing()
    expected.add(overlap.articleId)

    const sourceSlugs = await db
      .select({ slug: tags.slug })
      .from(tags)
      .where(inArray(tags.id, [b, c]))
    const target = await firstRow(db.select({ slug: tags.slug }).from(tags).where(eq(tags.id, a)))
    await mergeTags([b, c, a], a, actorId)

    const rows = await db.select({ articleId: articleTags.articleId }).from(articleTags).where(eq(articleTags.tagId, a))
    expect(new Set(rows.map((r) => r.articleId))).toEqual(expected)
    expect(rows).toHaveLength(expected.size)
    expect(
      await db
        .select()
        .from(tags)
        .where(inArray(tags.id, [b, c])),
    ).toEqual([])
    expect(
      await db
        .select()
        .from(articleTags)
        .where(inArray(articleTags.tagId, [b, c])),
    ).toEqual([])
    expect(await db.select({ id: tags.id }).from(tags).where(eq(tags.id, a))).toHaveLength(1)
    for (const s of sourceSlugs) {
      const [redirect] = await db
        .select()
        .from(redirects)
        .where(eq(redirects.fromPath, `/tag/${s.slug}/`))
      expect(redirect?.toPath).toBe(`/tag/${target.slug}/`)
    }
  })

  it('renames a tag and refuses a slug another tag uses', async () => {
    const [first, second] = await db.select({ id: tags.id, slug: tags.slug }).from(tags).orderBy(asc(tags.id)).limit(2)
    await expect(renameTag(first!.id, { name: 'Clash', slug: second!.slug }, actorId)).rejects.toThrow(SlugTakenError)
    const result = await renameTag(first!.id, { name: 'Renamed Tag', slug: 'renamed-tag' }, actorId)
    expect(result?.previousSlug).toBe(first!.slug)
    expect(await db.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, first!.id))).toEqual([
      { name: 'Renamed Tag', slug: 'renamed-tag' },
    ])
  })

  it('deletes a tag and its links, not its articles', async () => {
    const { tagId } = (await tagCounts())[0]!
    const linked = await db
      .select({ articleId: articleTags.articleId })
      .from(articleTags)
      .where(eq(articleTags.tagId, tagId))
    expect(await deleteTag(tagId, actorId)).toBeDefined()
    expect(await db.select().from(articleTags).where(eq(articleTags.tagId, tagId))).toEqual([])
    expect(
      await db
        .select({ id: articles.id })
        .from(articles)
        .where(
          inArray(
            articles.id,
            linked.map((l) => l.articleId),
          ),
        ),
    ).toHaveLength(linked.length)
    expect(await deleteTag(tagId, actorId)).toBeUndefined()
  })
})
