import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, articleTags, auditLog, categories, redirects, tags, users } from '../schema'
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

let actorId: number

beforeAll(async () => {
  migrateDatabase(db)
  await seedDatabase({ articles: 20, images: 1, adminPassword: 'x'.repeat(12) })
  actorId = db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).get()!.id
})

const topLevel = () =>
  db
    .select({ id: categories.id, slug: categories.slug, position: categories.position })
    .from(categories)
    .where(isNull(categories.parentId))
    .orderBy(asc(categories.position), asc(categories.name))
    .all()

const fields = (over: Partial<Parameters<typeof insertCategory>[1]> = {}) => ({
  name: 'Local Heroes',
  slug: 'local-heroes',
  description: null,
  parentId: null,
  position: 0,
  ...over,
})

describe('sections', () => {
  it('inserts at the given position and renumbers the siblings', () => {
    const before = topLevel()
    const { id } = insertCategory(db, fields(), actorId)
    const after = topLevel()
    expect(after[0]!.id).toBe(id)
    expect(after.map((c) => c.position)).toEqual(after.map((_, i) => i))
    expect(after.slice(1).map((c) => c.id)).toEqual(before.map((c) => c.id))
    deleteCategory(db, id, actorId)
    expect(topLevel().map((c) => c.id)).toEqual(before.map((c) => c.id))
  })

  it('refuses a slug another section uses', () => {
    const taken = topLevel()[0]!.slug
    expect(() => insertCategory(db, fields({ slug: taken }), actorId)).toThrow(SlugTakenError)
    const { id } = insertCategory(db, fields({ slug: 'clash-test' }), actorId)
    expect(() => updateCategory(db, id, fields({ slug: taken }), actorId)).toThrow(SlugTakenError)
    deleteCategory(db, id, actorId)
  })

  it('refuses making a section its own ancestor', () => {
    const parent = insertCategory(db, fields({ name: 'Parent', slug: 'cycle-parent' }), actorId)
    const child = insertCategory(db, fields({ name: 'Child', slug: 'cycle-child', parentId: parent.id }), actorId)
    const grandchild = insertCategory(
      db,
      fields({ name: 'Grandchild', slug: 'cycle-grandchild', parentId: child.id }),
      actorId,
    )
    expect(() => updateCategory(db, parent.id, fields({ slug: 'cycle-parent', parentId: parent.id }), actorId)).toThrow(
      CategoryCycleError,
    )
    expect(() =>
      updateCategory(db, parent.id, fields({ slug: 'cycle-parent', parentId: grandchild.id }), actorId),
    ).toThrow(CategoryCycleError)
    // Deleting the middle one lifts the grandchild to the parent.
    deleteCategory(db, child.id, actorId)
    const lifted = db.select().from(categories).where(eq(categories.id, grandchild.id)).get()!
    expect(lifted.parentId).toBe(parent.id)
    deleteCategory(db, grandchild.id, actorId)
    deleteCategory(db, parent.id, actorId)
  })

  it('keeps the articles of a deleted section, without a section, and redirects a renamed one', () => {
    const { id } = insertCategory(db, fields({ slug: 'doomed' }), actorId)
    const article = db.select({ id: articles.id }).from(articles).get()!
    db.update(articles).set({ categoryId: id }).where(eq(articles.id, article.id)).run()
    updateCategory(db, id, fields({ slug: 'doomed-renamed' }), actorId)
    expect(db.select().from(redirects).where(eq(redirects.fromPath, '/category/doomed/')).get()?.toPath).toBe(
      '/category/doomed-renamed/',
    )
    deleteCategory(db, id, actorId)
    expect(
      db.select({ categoryId: articles.categoryId }).from(articles).where(eq(articles.id, article.id)).get(),
    ).toEqual({ categoryId: null })
    const audits = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'category'), eq(auditLog.entityId, id)))
      .all()
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'delete'])
  })

  it('reorders siblings', () => {
    const ids = topLevel().map((c) => c.id)
    reorderCategories(db, [...ids].reverse(), actorId)
    expect(topLevel().map((c) => c.id)).toEqual([...ids].reverse())
    reorderCategories(db, ids, actorId)
    expect(topLevel().map((c) => c.id)).toEqual(ids)
  })
})

const tagCounts = () =>
  db.select({ tagId: articleTags.tagId, n: count() }).from(articleTags).groupBy(articleTags.tagId).all()

describe('tags', () => {
  it('merges tags, leaving every article tagged with the target exactly once', () => {
    const [a, b, c] = tagCounts()
      .sort((x, y) => y.n - x.n)
      .slice(0, 3)
      .map((t) => t.tagId) as [number, number, number]
    const tagged = (ids: number[]) =>
      new Set(
        db
          .select({ articleId: articleTags.articleId })
          .from(articleTags)
          .where(inArray(articleTags.tagId, ids))
          .all()
          .map((r) => r.articleId),
      )
    const expected = tagged([a, b, c])
    // Make sure at least one article carries both a source and the target.
    const overlap = db
      .select({ articleId: articleTags.articleId })
      .from(articleTags)
      .where(eq(articleTags.tagId, b))
      .get()!
    db.insert(articleTags).values({ articleId: overlap.articleId, tagId: a }).onConflictDoNothing().run()
    expected.add(overlap.articleId)

    const sourceSlugs = db
      .select({ slug: tags.slug })
      .from(tags)
      .where(inArray(tags.id, [b, c]))
      .all()
    const target = db.select({ slug: tags.slug }).from(tags).where(eq(tags.id, a)).get()!
    mergeTags(db, [b, c, a], a, actorId)

    const rows = db.select({ articleId: articleTags.articleId }).from(articleTags).where(eq(articleTags.tagId, a)).all()
    expect(new Set(rows.map((r) => r.articleId))).toEqual(expected)
    expect(rows).toHaveLength(expected.size)
    expect(
      db
        .select()
        .from(tags)
        .where(inArray(tags.id, [b, c]))
        .all(),
    ).toEqual([])
    expect(
      db
        .select()
        .from(articleTags)
        .where(inArray(articleTags.tagId, [b, c]))
        .all(),
    ).toEqual([])
    expect(db.select({ id: tags.id }).from(tags).where(eq(tags.id, a)).get()).toBeDefined()
    for (const s of sourceSlugs)
      expect(
        db
          .select()
          .from(redirects)
          .where(eq(redirects.fromPath, `/tag/${s.slug}/`))
          .get()?.toPath,
      ).toBe(`/tag/${target.slug}/`)
  })

  it('renames a tag and refuses a slug another tag uses', () => {
    const [first, second] = db.select({ id: tags.id, slug: tags.slug }).from(tags).orderBy(asc(tags.id)).limit(2).all()
    expect(() => renameTag(db, first!.id, { name: 'Clash', slug: second!.slug }, actorId)).toThrow(SlugTakenError)
    const result = renameTag(db, first!.id, { name: 'Renamed Tag', slug: 'renamed-tag' }, actorId)
    expect(result?.previousSlug).toBe(first!.slug)
    expect(db.select({ name: tags.name, slug: tags.slug }).from(tags).where(eq(tags.id, first!.id)).get()).toEqual({
      name: 'Renamed Tag',
      slug: 'renamed-tag',
    })
  })

  it('deletes a tag and its links, not its articles', () => {
    const { tagId } = tagCounts()[0]!
    const linked = db
      .select({ articleId: articleTags.articleId })
      .from(articleTags)
      .where(eq(articleTags.tagId, tagId))
      .all()
    expect(deleteTag(db, tagId, actorId)).toBeDefined()
    expect(db.select().from(articleTags).where(eq(articleTags.tagId, tagId)).all()).toEqual([])
    expect(
      db
        .select({ id: articles.id })
        .from(articles)
        .where(
          inArray(
            articles.id,
            linked.map((l) => l.articleId),
          ),
        )
        .all(),
    ).toHaveLength(linked.length)
    expect(deleteTag(db, tagId, actorId)).toBeUndefined()
  })
})
