import { and, asc, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getArticleViewById } from '../queries/articles'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, articleTags, auditLog, revisions, users } from '../schema'
import { seedDatabase } from '@/services/seed/seed'
import { type ArticleFields, saveArticle } from './articles'
import { countRevisions, listRecentEditors, listRevisions } from '../queries/revisions'
import { recordArticleOpen, restoreRevision } from './revisions'
import { firstRow } from '../test-fixtures'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let adminId: number
let editorId: number

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 10, images: 1, adminPassword: 'admin-password-1' })
  adminId = (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1))).id
  editorId = (
    await firstRow(
      writer
        .insert(users)
        .values({ email: 'revisions-editor@example.com', name: 'Rita Revisions', role: 'editor' })
        .returning({ id: users.id }),
    )
  ).id
})

async function fieldsOf(id: number, over: Partial<ArticleFields>): Promise<ArticleFields> {
  const a = await firstRow(db.select().from(articles).where(eq(articles.id, id)))
  return {
    title: a.title,
    slug: a.slug,
    standfirst: a.standfirst,
    body: a.body,
    categoryId: a.categoryId,
    tagNames: ['Harbour', 'Ferries'],
    featuredImageId: a.featuredImageId,
    imageAlt: a.imageAlt,
    imageCaption: a.imageCaption,
    imageCredit: a.imageCredit,
    sourceUrl: a.sourceUrl,
    sourceName: a.sourceName,
    isBreaking: a.isBreaking,
    isFeatured: a.isFeatured,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    ...over,
  }
}

const revisionCount = async (articleId: number) =>
  (await firstRow(db.select({ n: count() }).from(revisions).where(eq(revisions.articleId, articleId)))).n
const auditCount = async () => (await firstRow(db.select({ n: count() }).from(auditLog))).n

describe('restoring a revision', () => {
  it('brings the old text back as a new revision, keeping status, date and other fields', async () => {
    const article = await firstRow(
      db
        .select({ id: articles.id, status: articles.status, publishedAt: articles.publishedAt })
        .from(articles)
        .where(eq(articles.status, 'published'))
        .orderBy(articles.id)
        .limit(1),
    )
    const transition = { status: article.status, publishedAt: article.publishedAt }
    const t0 = new Date(Date.now() - 60_000)
    await saveArticle({
      id: article.id,
      actorId: adminId,
      transition,
      now: t0,
      fields: await fieldsOf(article.id, {
        title: 'Ferry returns to the harbour',
        standfirst: 'First crossing since June.',
        body: '<p>The ferry left at dawn.</p>',
      }),
    })
    await saveArticle({
      id: article.id,
      actorId: editorId,
      transition,
      now: new Date(t0.getTime() + 1000),
      fields: await fieldsOf(article.id, {
        title: 'Ferry service resumes',
        standfirst: 'Crossings are daily again.',
        body: '<p>The boat left at noon.</p>',
        sourceName: 'Harbour office',
        isBreaking: true,
      }),
    })
    const history = await listRevisions(article.id)
    expect(history.map((r) => r.title)).toEqual(['Ferry service resumes', 'Ferry returns to the harbour'])
    expect(history.map((r) => r.isCurrent)).toEqual([true, false])
    expect(history[0]!.userName).toBe('Rita Revisions')
    const first = history[1]!
    const before = await revisionCount(article.id)
    const auditBefore = await auditCount()

    const result = await restoreRevision(article.id, first.id, adminId)
    expect(result?.id).toBe(article.id)

    const after = await firstRow(db.select().from(articles).where(eq(articles.id, article.id)))
    expect(after.title).toBe('Ferry returns to the harbour')
    expect(after.standfirst).toBe('First crossing since June.')
    expect(after.body).toBe('<p>The ferry left at dawn.</p>')
    expect(after.bodyText).toBe('The ferry left at dawn.')
    expect(after.status).toBe(article.status)
    expect(after.publishedAt?.getTime()).toBe(article.publishedAt?.getTime())
    expect(after.sourceName).toBe('Harbour office')
    expect(after.isBreaking).toBe(true)
    expect(await db.select().from(articleTags).where(eq(articleTags.articleId, article.id))).toHaveLength(2)

    expect(await revisionCount(article.id)).toBe(before + 1)
    expect(await countRevisions(article.id)).toBe(before + 1)
    const newest = (await listRevisions(article.id))[0]!
    expect(newest.title).toBe('Ferry returns to the harbour')
    expect(newest.isCurrent).toBe(true)
    expect(await auditCount()).toBe(auditBefore + 1)
  })

  it('refuses a revision of another article', async () => {
    const [a, b] = await db.select({ id: articles.id }).from(articles).orderBy(asc(articles.id)).limit(2)
    await saveArticle({
      id: b!.id,
      actorId: adminId,
      transition: { status: 'draft', publishedAt: null },
      fields: await fieldsOf(b!.id, { body: '<p>Another text.</p>' }),
    })
    const foreign = await firstRow(
      db.select({ id: revisions.id }).from(revisions).where(eq(revisions.articleId, b!.id)).limit(1),
    )
    const titleOf = async () =>
      (await firstRow(db.select({ title: articles.title }).from(articles).where(eq(articles.id, a!.id)))).title
    const title = await titleOf()
    expect(await restoreRevision(a!.id, foreign.id, adminId)).toBeUndefined()
    expect(await titleOf()).toBe(title)
  })
})

describe('who else has an article open', () => {
  it('records at most one opening per user and minute', async () => {
    const { id } = await firstRow(db.select({ id: articles.id }).from(articles).orderBy(articles.id).limit(1))
    const at = new Date('2026-03-01T10:00:00Z')
    const opens = async () =>
      (
        await firstRow(
          db
            .select({ n: count() })
            .from(auditLog)
            .where(and(eq(auditLog.action, 'open'), eq(auditLog.entityId, id), eq(auditLog.userId, editorId))),
        )
      ).n
    const start = await opens()
    expect(await recordArticleOpen(id, editorId, at)).toBe(true)
    expect(await recordArticleOpen(id, editorId, new Date(at.getTime() + 30_000))).toBe(false)
    expect(await opens()).toBe(start + 1)
    expect(await recordArticleOpen(id, editorId, new Date(at.getTime() + 61_000))).toBe(true)
    expect(await opens()).toBe(start + 2)
  })

  it('lists other staff who opened or saved it within the window', async () => {
    const { id } = await firstRow(
      db.select({ id: articles.id }).from(articles).where(eq(articles.status, 'draft')).orderBy(articles.id).limit(1),
    )
    const now = new Date(Date.now() + 24 * 60 * 60_000)
    await recordArticleOpen(id, editorId, new Date(now.getTime() - 4 * 60_000))
    await recordArticleOpen(id, adminId, new Date(now.getTime() - 60_000))

    const forAdmin = await listRecentEditors(id, adminId, 10, now)
    expect(forAdmin).toHaveLength(1)
    expect(forAdmin[0]!.name).toBe('Rita Revisions')
    expect(forAdmin[0]!.openedAt?.getTime()).toBe(now.getTime() - 4 * 60_000)
    expect((await listRecentEditors(id, editorId, 10, now)).map((e) => e.name)).toEqual(['Site Administrator'])
    // Outside the window nobody counts any more.
    expect(await listRecentEditors(id, adminId, 3, now)).toEqual([])

    await saveArticle({
      id,
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      now: new Date(now.getTime() - 30_000),
      fields: await fieldsOf(id, { standfirst: 'Saved by Rita.' }),
    })
    const afterSave = await listRecentEditors(id, adminId, 3, now)
    expect(afterSave).toHaveLength(1)
    expect(afterSave[0]!.openedAt).toBeNull()
    expect(afterSave[0]!.lastSeenAt.getTime()).toBe(now.getTime() - 30_000)
  })
})

describe('draft preview', () => {
  it('loads an article in any status with its byline, tags and image', async () => {
    const draft = await firstRow(
      db.select({ id: articles.id }).from(articles).where(eq(articles.status, 'draft')).orderBy(articles.id).limit(1),
    )
    const preview = (await getArticleViewById(draft.id))!
    expect(preview.status).toBe('draft')
    expect(preview.authors.length).toBeGreaterThan(0)
    expect(Array.isArray(preview.tags)).toBe(true)
    expect(await getArticleViewById(999_999)).toBeUndefined()
  })
})
