import { and, count, eq } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { importActor, startImportRun } from '@/db/mutations/wordpress'
import { findQueryRedirect, findRedirect } from '@/db/queries/redirects'
import {
  articles,
  articleTags,
  categories,
  comments,
  importRuns,
  media,
  pages,
  redirects,
  tags,
  users,
} from '@/db/schema'
import { importWordpress } from './import'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

const fixture = path.join(import.meta.dirname, 'fixtures', 'newsroom.wordpress.xml')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-wxr-'))
const mediaDir = path.join(tmp, 'uploads')
let actorId: number

const rows = async (table: SQLiteTable) => (await db.select({ n: count() }).from(table).limit(1))[0]!.n
const snapshot = async () => ({
  articles: await rows(articles),
  comments: await rows(comments),
  media: await rows(media),
  users: await rows(users),
  categories: await rows(categories),
  tags: await rows(tags),
  pages: await rows(pages),
  redirects: await rows(redirects),
  articleTags: await rows(articleTags),
})
const run = (file = fixture, extra: Partial<Parameters<typeof importWordpress>[1]> = {}) =>
  importWordpress(file, { actorId, mediaDir, download: false, ...extra })
const article = async (id: number) => (await db.select().from(articles).where(eq(articles.id, id)).limit(1))[0]

beforeAll(async () => {
  await migrateDatabase(db)
  actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
  fs.mkdirSync(path.join(mediaDir, '2024/03'), { recursive: true })
  for (const name of ['harbour', 'quay'])
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#369' } })
      .png()
      .toFile(path.join(mediaDir, `2024/03/${name}.png`))
})

describe('importWordpress', () => {
  let first: Awaited<ReturnType<typeof importWordpress>>
  beforeAll(async () => {
    first = await run()
  })

  it('brings over authors as invited staff without passwords', async () => {
    expect(first.error).toBeUndefined()
    expect(first.source).toBe('herald.example.org')
    expect(first.counts.authors).toEqual({ created: 2, updated: 0 })
    const mara = (await db.select().from(users).where(eq(users.email, 'mara@herald.example.org')).limit(1))[0]!
    expect(mara).toMatchObject({ role: 'author', status: 'invited', passwordHash: null, slug: 'mara' })
    expect(
      (await db.select().from(users).where(eq(users.email, 'tobias@herald.example.org.invalid')).limit(1))[0],
    ).toBeDefined()
  })

  it('keeps the section hierarchy whatever the order, and reports a missing parent', async () => {
    const local = (await db.select().from(categories).where(eq(categories.slug, 'local')).limit(1))[0]!
    expect(local).toMatchObject({ name: 'Local & Regional', description: 'Our town', parentId: null })
    expect((await db.select().from(categories).where(eq(categories.slug, 'river-traffic')).limit(1))[0]!.parentId).toBe(
      local.id,
    )
    expect((await db.select().from(categories).where(eq(categories.slug, 'orphan')).limit(1))[0]!.parentId).toBeNull()
    expect(first.skipped).toContainEqual({ item: 'category orphan', reason: expect.stringMatching(/parent "gone"/) })
  })

  it('imports a post with its id, status, dates, sticky flag, terms, featured image and converted body', async () => {
    const a = (await article(101))!
    expect(a).toMatchObject({
      title: 'New bridge opens to traffic',
      slug: 'bridge-opens',
      status: 'published',
      isFeatured: true,
      commentsOpen: true,
      standfirst: 'A new crossing for the town.',
    })
    expect(a.publishedAt?.toISOString()).toBe('2024-03-05T09:30:00.000Z')
    expect((await db.select().from(categories).where(eq(categories.id, a.categoryId!)).limit(1))[0]!.slug).toBe(
      'river-traffic',
    )
    const tagSlugs = (
      await db
        .select({ slug: tags.slug })
        .from(articleTags)
        .innerJoin(tags, eq(tags.id, articleTags.tagId))
        .where(eq(articleTags.articleId, 101))
    ).map((t) => t.slug)
    expect(tagSlugs).toEqual(expect.arrayContaining(['bridges', 'format-gallery']))
    expect(tagSlugs).toHaveLength(3)
    const image = (await db.select().from(media).where(eq(media.id, a.featuredImageId!)).limit(1))[0]!
    expect(image).toMatchObject({
      alt: 'Boats moored at dawn',
      caption: 'The harbour before the boats',
      credit: 'Ines Kovac',
    })
    expect(a.body).toContain('<figure class="wp-caption"><img src="/uploads/')
    expect(a.body).toContain('<figcaption>The harbour at dawn</figcaption>')
    expect(a.body).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"')
    expect(a.body).toContain('class="twitter-tweet"')
    expect(a.body).toContain('class="instagram-media"')
    expect(a.body).toContain('Listen: interview.mp3')
    expect(a.body).toContain('<hr />')
    expect(a.body).not.toMatch(/<script|onerror|wp:paragraph|\[caption|\[gallery/)
    expect(a.bodyText).toContain('Page two of the story.')
  })

  it('keeps comment threads and statuses, and drops pingbacks unless asked', async () => {
    const list = await db.select().from(comments).where(eq(comments.articleId, 101))
    expect(list.map((c) => c.status).sort()).toEqual(['approved', 'approved', 'pending', 'spam'])
    const firstReader = list.find((c) => c.authorName === 'First Reader')!
    const reply = list.find((c) => c.authorName === 'Reply Person')!
    expect(reply.parentId).toBe(firstReader.id)
    expect(reply.body).toBe('I agree.')
    expect(first.counts['pingbacks dropped']).toEqual({ created: 1, updated: 0 })
  })

  it('maps every status and reports what changed', async () => {
    expect(await article(104)).toMatchObject({ status: 'draft' })
    expect((await article(104))!.publishedAt?.toISOString()).toBe('2024-03-08T02:30:00.000Z')
    expect(await article(105)).toMatchObject({ status: 'pending' })
    expect(await article(106)).toMatchObject({ status: 'scheduled' })
    expect(await article(107)).toMatchObject({ status: 'draft' })
    expect(await article(108)).toMatchObject({ status: 'draft' })
    expect((await article(103))!.title).toBe('A post without a title, sharing a GUID.')
    const reasons = first.skipped.map((s) => `${s.item}: ${s.reason}`)
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^post 103: no title/),
        expect.stringMatching(/^post 103: same GUID as item 101/),
        expect.stringMatching(/^post 107: private post imported as a draft/),
        expect.stringMatching(/^post 108: password-protected/),
        expect.stringMatching(/nav_menu_item.*not imported/),
        expect.stringMatching(/product.*not imported/),
        expect.stringMatching(/taxonomy "nav_menu"/),
        expect.stringMatching(/^attachment 202: its parent 999 is not in the export/),
      ]),
    )
    expect(first.keptMediaUrls).toEqual(['https://herald.example.org/wp-content/uploads/2019/01/lost.jpg'])
  })

  it('keeps the page hierarchy and moves a page off a Gazette route', async () => {
    const about = (await db.select().from(pages).where(eq(pages.slug, 'about')).limit(1))[0]!
    expect((await db.select().from(pages).where(eq(pages.slug, 'team')).limit(1))[0]).toMatchObject({
      parentId: about.id,
      position: 2,
    })
    expect((await db.select().from(pages).where(eq(pages.slug, 'search-page')).limit(1))[0]).toBeDefined()
  })

  it('redirects every old URL to where it lives now', async () => {
    const greek = (await article(102))!
    expect(greek.slug).toBe('post-102')
    const greekPath = '/2024/03/06/post-102/'
    expect((await findRedirect('/2024/03/06/%ce%b3%ce%ad%cf%86%cf%85%cf%81%ce%b1/'))?.toPath).toBe(greekPath)
    expect((await findRedirect('/2024/03/06/%CE%B3%CE%AD%CF%86%CF%85%CF%81%CE%B1/'))?.toPath).toBe(greekPath)
    expect((await findRedirect('/2024/03/06/%CE%B3%CE%AD%CF%86%CF%85%CF%81%CE%B1/feed/'))?.toPath).toBe(greekPath)
    expect((await findRedirect('/2024/03/05/bridge-to-open/'))?.toPath).toBe('/2024/03/05/bridge-opens/')
    expect((await findRedirect('/about/team/'))?.toPath).toBe('/team/')
    expect((await findRedirect('/2024/03/05/bridge-opens/harbour/'))?.toPath).toBe('/2024/03/05/bridge-opens/')
    const file = (await findRedirect('/wp-content/uploads/2024/03/harbour.png'))?.toPath
    expect(file).toMatch(/^\/uploads\/\d{4}\/\d{2}\/harbour-[0-9a-f]+-900\.webp$/)
    expect((await findRedirect('/wp-content/uploads/2024/03/harbour-300x200.png'))?.toPath).toBe(file)
    expect((await findRedirect(`/tag/${encodeURIComponent('γέφυρα')}/`))?.toPath).toMatch(/^\/tag\/tag-\d+\/$/)

    expect(await findQueryRedirect('/?p=101')).toBe('/2024/03/05/bridge-opens/')
    expect(await findQueryRedirect('/?page_id=301')).toBe('/about/')
    expect(await findQueryRedirect('/?attachment_id=201')).toBe(file)
    expect(await findQueryRedirect('/?cat=31')).toBe('/category/river-traffic/')
    expect(await findQueryRedirect('/?tag=bridges')).toBe('/tag/bridges/')
    expect(await findQueryRedirect('/?author=7')).toBe('/author/mara/')
    expect(await findQueryRedirect('/?m=202403')).toBe('/2024/03/')
    expect(await findQueryRedirect('/?m=20240305')).toBe('/2024/03/05/')
    expect(await findQueryRedirect('/?s=river+bridge')).toBe('/search/?q=river+bridge')
    expect(await findQueryRedirect('/?feed=rss2')).toBe('/feed/')
    expect(await findQueryRedirect('/?feed=atom')).toBe('/feed/atom/')
    expect(await findQueryRedirect('/?p=104')).toBeNull()
    expect(await findQueryRedirect('/?p=999999')).toBeNull()
  })

  it('updates instead of duplicating when the same export is imported again', async () => {
    const before = await snapshot()
    await writer.update(articles).set({ title: 'Edited here' }).where(eq(articles.id, 101))
    const again = await run()
    expect(again.error).toBeUndefined()
    expect(await snapshot()).toEqual(before)
    expect(again.counts.posts).toEqual({ created: 0, updated: 8 })
    expect(again.counts.media).toEqual({ created: 0, updated: 2 })
    expect((await article(101))!.title).toBe('New bridge opens to traffic')
  })

  it('imports a second site beside the first', async () => {
    const before = await snapshot()
    const other = await run(fixture, { siteUrl: 'https://other.example.org' })
    expect(other.source).toBe('other.example.org')
    expect(other.counts.posts).toEqual({ created: 8, updated: 0 })
    expect((await snapshot()).articles).toBe(before.articles + 8)
    // The WordPress ids are taken by the first site's posts, so these get new ones and new slugs.
    expect((await db.select().from(articles).where(eq(articles.slug, 'bridge-opens-101')).limit(1))[0]).toBeDefined()
    // Sections of the same slug and name, and authors of the same address, are shared; an author
    // without an address is a different person on each site.
    expect((await snapshot()).categories).toBe(before.categories)
    expect((await snapshot()).users).toBe(before.users + 1)
  })
})

describe('hostile and broken exports', () => {
  beforeAll(async () => {
    await migrateDatabase(db)
  })

  it('refuses an entity bomb with a clear line and writes nothing', async () => {
    const file = path.join(tmp, 'bomb.xml')
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>`,
    )
    const before = await snapshot()
    const report = await run(file)
    expect(report.error).toMatch(/DOCTYPE/)
    expect(await snapshot()).toEqual(before)
  })

  it('keeps the items before a fault, records the run as failed, and resumes', async () => {
    const file = path.join(tmp, 'cut.xml')
    const source = fs.readFileSync(fixture, 'utf8').replaceAll('herald.example.org', 'cut.example.org')
    fs.writeFileSync(file, source.slice(0, source.indexOf('<title>Draft budget</title>') + 30))
    const runId = await startImportRun(file, 1, actorId)
    const report = await run(file, { runId })
    expect(report.error).toMatch(/not well-formed/)
    const stored = (await db.select().from(importRuns).where(eq(importRuns.id, runId)).limit(1))[0]!
    expect(stored.status).toBe('failed')
    expect(stored.report?.error).toMatch(/not well-formed/)
    // The first pass reads the whole file before any post, so a cut file stops there.
    const imported = (
      await db.select({ n: count() }).from(articles).where(eq(articles.slug, 'bridge-opens-101-2')).limit(1)
    )[0]!.n
    expect(imported).toBe(0)
    expect(
      (
        await db
          .select()
          .from(categories)
          .where(and(eq(categories.slug, 'local')))
          .limit(1)
      )[0],
    ).toBeDefined()

    fs.writeFileSync(file, source)
    const resumed = await run(file)
    expect(resumed.error).toBeUndefined()
    expect(resumed.counts.posts?.created).toBe(8)
  })

  it('says so when the file is not a WordPress export', async () => {
    const file = path.join(tmp, 'feed.xml')
    fs.writeFileSync(
      file,
      '<rss version="2.0"><channel><title>A feed</title><link>https://x.example</link><item><title>x</title></item></channel></rss>',
    )
    expect((await run(file)).error).toMatch(/not a WordPress export/)
  })
})
