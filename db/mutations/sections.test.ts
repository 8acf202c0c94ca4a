import { asc, desc, eq, gt } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { articles, articleSections, cachePurges, categories, revisions } from '../schema'
import { addSection, addUser, articleFields, firstRow } from '../test-fixtures'
import { type ArticleFields, saveArticle, setSecondarySections } from './articles'
import { restoreRevision } from './revisions'
import { type ImportedArticle, upsertImportedArticle } from './wordpress'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let editorId: number
const section: Record<string, number> = {}

const secondaryOf = async (articleId: number) =>
  (
    await db
      .select({ id: articleSections.categoryId })
      .from(articleSections)
      .where(eq(articleSections.articleId, articleId))
      .orderBy(asc(articleSections.categoryId))
  ).map((r) => r.id)

const fields = (over: Partial<ArticleFields>) =>
  articleFields({
    title: 'Budget vote splits the council',
    slug: 'budget-vote',
    body: '<p>The council voted on the budget after a long night of debate in the chamber.</p>',
    categoryId: section.politics!,
    ...over,
  })

function imported(over: Partial<ImportedArticle>): ImportedArticle {
  return {
    key: '9001',
    wpId: 9001,
    title: 'Port tariffs rise',
    slug: 'port-tariffs-rise',
    standfirst: '',
    body: '<p>Tariffs at the port rise next month.</p>',
    status: 'published',
    publishedAt: new Date('2026-03-02T08:00:00Z'),
    modifiedAt: null,
    authorId: editorId,
    categoryId: section.economy!,
    secondaryCategoryIds: [],
    tagIds: [],
    featuredImageId: null,
    isFeatured: false,
    commentsOpen: true,
    oldPaths: [],
    comments: [],
    ...over,
  }
}

beforeAll(async () => {
  await migrateDatabase(db)
  editorId = await addUser({ email: 'desk@example.com', name: 'Desk', slug: 'desk', role: 'editor' })
  for (const name of ['Politics', 'Economy', 'Business', 'World']) section[name.toLowerCase()] = await addSection(name)
})

describe('secondary sections of an article', () => {
  it('are saved with the article, without the primary section, duplicates or unknown ids', async () => {
    const { id } = await saveArticle({
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({
        slug: 'saved-with-sections',
        secondaryCategoryIds: [section.economy!, section.politics!, section.economy!, 999_999],
      }),
    })
    expect(await secondaryOf(id)).toEqual([section.economy])
  })

  it('are replaced on save, and kept when the save does not mention them', async () => {
    const { id } = await saveArticle({
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'replaced-sections', secondaryCategoryIds: [section.economy!, section.world!] }),
    })
    await saveArticle({
      id,
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'replaced-sections', secondaryCategoryIds: [section.business!] }),
    })
    expect(await secondaryOf(id)).toEqual([section.business])
    await saveArticle({
      id,
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'replaced-sections', title: 'Budget vote splits the council again' }),
    })
    expect(await secondaryOf(id)).toEqual([section.business])
    await saveArticle({
      id,
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'replaced-sections', secondaryCategoryIds: [] }),
    })
    expect(await secondaryOf(id)).toEqual([])
  })

  it('lose the section that becomes the primary one, whoever changes it', async () => {
    const { id } = await saveArticle({
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'promoted-section', secondaryCategoryIds: [section.economy!, section.world!] }),
    })
    // Straight to the table, as another tool would: the database itself keeps the rule.
    await writer.update(articles).set({ categoryId: section.economy }).where(eq(articles.id, id))
    expect(await secondaryOf(id)).toEqual([section.world])
    await writer.insert(articleSections).values({ articleId: id, categoryId: section.economy! })
    expect(await secondaryOf(id)).toEqual([section.world])
  })

  it('survive restoring a revision', async () => {
    const { id } = await saveArticle({
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'restored-sections', secondaryCategoryIds: [section.world!] }),
    })
    const revision = await firstRow(
      db.select({ id: revisions.id }).from(revisions).where(eq(revisions.articleId, id)).orderBy(revisions.id).limit(1),
    )
    await saveArticle({
      id,
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'restored-sections', title: 'A later title for the budget vote' }),
    })
    await restoreRevision(id, revision.id, editorId)
    expect(await secondaryOf(id)).toEqual([section.world])
  })

  it('go with their article or section when either is deleted', async () => {
    const temporary = await addSection('Temporary')
    const { id } = await saveArticle({
      actorId: editorId,
      transition: { status: 'draft', publishedAt: null },
      fields: fields({ slug: 'cascades', secondaryCategoryIds: [temporary, section.world!] }),
    })
    await writer.delete(categories).where(eq(categories.id, temporary))
    expect(await secondaryOf(id)).toEqual([section.world])
    await writer.delete(articles).where(eq(articles.id, id))
    expect(await secondaryOf(id)).toEqual([])
  })

  it('purge the article and the listings from the page cache when they change', async () => {
    const { id } = await saveArticle({
      actorId: editorId,
      transition: { status: 'published', publishedAt: new Date('2026-03-01T08:00:00Z') },
      fields: fields({ slug: 'purged-sections' }),
    })
    const lastPurge = async () =>
      (await firstRow(db.select({ id: cachePurges.id }).from(cachePurges).orderBy(desc(cachePurges.id)).limit(1))).id
    const last = await lastPurge()
    const tagsSince = async (after: number) =>
      (await db.select({ tag: cachePurges.tag }).from(cachePurges).where(gt(cachePurges.id, after))).map((r) => r.tag)
    await setSecondarySections(id, [section.world!])
    expect(new Set(await tagsSince(last))).toEqual(new Set([`article:${id}`, 'list']))
    const afterAdd = await lastPurge()
    await setSecondarySections(id, [])
    expect(new Set(await tagsSince(afterAdd))).toEqual(new Set([`article:${id}`, 'list']))
  })
})

describe('secondary sections of an imported post', () => {
  it('are written on import and replaced on the next import of the same post', async () => {
    const first = await upsertImportedArticle(
      'https://old.example',
      imported({ secondaryCategoryIds: [section.business!, section.world!, section.economy!] }),
      editorId,
    )
    expect(first.created).toBe(true)
    expect(await secondaryOf(first.id)).toEqual([section.business, section.world])
    const again = await upsertImportedArticle(
      'https://old.example',
      imported({ secondaryCategoryIds: [section.politics!] }),
      editorId,
    )
    expect(again.id).toBe(first.id)
    expect(await secondaryOf(first.id)).toEqual([section.politics])
    await upsertImportedArticle('https://old.example', imported({ secondaryCategoryIds: [] }), editorId)
    expect(await secondaryOf(first.id)).toEqual([])
  })
})
