import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { findRedirect } from '@/db/queries/redirects'
import { articles, comments, pages, users } from '@/db/schema'
import { importAuthor } from './authors'
import { importItem, importPage, importPost, linkPageParents, reportPosts } from './posts'
import { flushCategories, importTerm } from './terms'
import { prepareDatabase, readFixture, testContext } from './testing'

let actorId: number
beforeAll(async () => {
  actorId = await prepareDatabase()
})

describe('importPost', () => {
  it('makes a post an article under its WordPress id, with its byline, section, comments and old addresses', async () => {
    const { site, authors, terms, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    for (const a of authors) await importAuthor(ctx, a)
    for (const t of terms) await importTerm(ctx, t)
    await flushCategories(ctx)
    await importPost(ctx, item(101))
    const article = (await db.select().from(articles).where(eq(articles.id, 101)).limit(1))[0]!
    const mara = (await db.select().from(users).where(eq(users.email, 'mara@herald.example.org')).limit(1))[0]!
    expect(article).toMatchObject({
      title: 'New bridge opens to traffic',
      slug: 'bridge-opens',
      status: 'published',
      authorId: mara.id,
      categoryId: ctx.terms.categoriesBySlug.get('river-traffic'),
      isFeatured: true,
      commentsOpen: true,
      featuredImageId: null,
    })
    expect(await db.select().from(comments).where(eq(comments.articleId, 101))).toHaveLength(4)
    expect(ctx.report.counts.posts).toEqual({ created: 1, updated: 0 })
    expect(ctx.report.counts.comments).toEqual({ created: 4, updated: 0 })
    // Its featured image was not imported first.
    expect(ctx.report.skipped).toContainEqual({
      item: 'post 101',
      reason: 'featured image 201 is not in the media library',
    })
    const path = ctx.posts.paths.get(101)!
    expect(path).toMatch(/\/bridge-opens\/$/)
    expect((await findRedirect('/2024/03/05/bridge-to-open/'))?.toPath).toBe(path)
  })

  it('imports drafts, private and protected posts as drafts and leaves out the trash', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    for (const id of [104, 107, 108]) await importPost(ctx, item(id))
    await importPost(ctx, { ...item(104), id: 199, status: 'trash' })
    for (const id of [104, 107, 108])
      expect((await db.select().from(articles).where(eq(articles.id, id)).limit(1))[0]!.status).toBe('draft')
    expect((await db.select().from(articles).where(eq(articles.id, 199)).limit(1))[0]).toBeUndefined()
    expect(ctx.report.skipped.map((s) => s.reason)).toEqual([
      'private post imported as a draft (Gazette has no private articles)',
      'password-protected post imported as a draft (Gazette has no protected articles)',
      'status "trash" is not imported',
    ])
  })
})

describe('importPage', () => {
  it('links a page listed before its parent once every page is in, and keeps pages off Gazette routes', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    for (const id of [302, 301, 303]) await importPage(ctx, item(id))
    expect(ctx.posts.pageParents).toHaveLength(1)
    await linkPageParents(ctx)
    const page = async (slug: string) => (await db.select().from(pages).where(eq(pages.slug, slug)).limit(1))[0]
    expect((await page('team'))!.parentId).toBe((await page('about'))!.id)
    expect((await page('team'))!.position).toBe(2)
    expect(await page('search')).toBeUndefined()
    expect(await page('search-page')).toBeDefined()
    expect(ctx.report.counts.pages).toEqual({ created: 3, updated: 0 })
  })
})

describe('importItem', () => {
  it('counts the post types it does not import, and items sharing a GUID', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    await importItem(ctx, item(401))
    await importItem(ctx, item(402))
    await importItem(ctx, { ...item(402), id: 403 })
    await importItem(ctx, item(105))
    await importItem(ctx, { ...item(105), id: 109, slug: 'awaiting-review-again' })
    reportPosts(ctx)
    expect(ctx.report.skipped).toContainEqual({
      item: 'post 109',
      reason: 'same GUID as item 105 (https://herald.example.org/?p=105); imported as its own item',
    })
    expect(ctx.report.skipped).toContainEqual({ item: '2 × product', reason: 'post type "product" is not imported' })
    expect(ctx.report.skipped).toContainEqual({
      item: '1 × nav_menu_item',
      reason: 'post type "nav_menu_item" is not imported',
    })
    expect((await db.select().from(articles).where(eq(articles.id, 109)).limit(1))[0]!.status).toBe('pending')
  })
})
