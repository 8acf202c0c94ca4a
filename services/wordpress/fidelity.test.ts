import { and, count, eq } from 'drizzle-orm'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { importActor } from '@/db/mutations/wordpress'
import { findRedirect } from '@/db/queries/redirects'
import { articles, articleSections, articleTags, categories, comments, media, tags, users } from '@/db/schema'
import { uploadsDir } from '@/services/media'
import { importWordpress } from './import'

// One hand-written export per way a real WordPress export differs from the tidy one.
const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', 'cases', `${name}.wordpress.xml`)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-wxr-cases-'))
let actorId: number

const run = (name: string, extra: Partial<Parameters<typeof importWordpress>[1]> = {}) =>
  importWordpress(fixture(name), { actorId, download: false, ...extra })
const article = async (id: number) => (await db.select().from(articles).where(eq(articles.id, id)).limit(1))[0]!
const section = async (id: number | null) =>
  id === null ? undefined : (await db.select().from(categories).where(eq(categories.id, id)).limit(1))[0]
const reasons = (report: { skipped: { item: string; reason: string }[] }) =>
  report.skipped.map((s) => `${s.item}: ${s.reason}`)
const secondary = async (articleId: number) =>
  (
    await db
      .select({ slug: categories.slug })
      .from(articleSections)
      .innerJoin(categories, eq(categories.id, articleSections.categoryId))
      .where(eq(articleSections.articleId, articleId))
  )
    .map((c) => c.slug)
    .sort()
const tagSlugs = async (articleId: number) =>
  (
    await db
      .select({ slug: tags.slug })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(eq(articleTags.articleId, articleId))
  )
    .map((t) => t.slug)
    .sort()

beforeAll(async () => {
  await migrateDatabase(db)
  actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
})

describe('a "Posts" export, which lists no sections', () => {
  it('creates the sections its posts name, files the posts there, and says so', async () => {
    const report = await run('posts-only')
    expect(report.error).toBeUndefined()
    const budget = await article(501)
    expect(await section(budget.categoryId)).toMatchObject({ slug: 'city-hall', name: 'City Hall' })
    expect(await section((await article(502)).categoryId)).toMatchObject({ slug: 'economie', name: 'Économie' })
    expect(report.counts.categories).toEqual({ created: 2, updated: 0 })
    expect(reasons(report)).toContainEqual(expect.stringMatching(/^category city-hall: named on posts only/))
    // WordPress served the section at its percent-encoded slug.
    expect((await findRedirect('/category/%c3%a9conomie/'))?.toPath).toBe('/category/economie/')
    expect((await findRedirect('/category/%C3%A9conomie/'))?.toPath).toBe('/category/economie/')
  })

  it('finds the same sections again on a second import, and in an "All content" export later', async () => {
    const before = (await db.select({ n: count() }).from(categories).limit(1))[0]!.n
    const again = await run('posts-only')
    expect(again.counts.categories).toEqual({ created: 0, updated: 2 })
    expect((await db.select({ n: count() }).from(categories).limit(1))[0]!.n).toBe(before)
  })
})

describe('a post in several categories', () => {
  it('keeps every category: the primary one as its section, the others as secondary sections', async () => {
    const report = await run('several-categories')
    // WordPress lists a post's categories by name; the SEO plugin's primary one wins.
    const trade = await article(601)
    expect(await section(trade.categoryId)).toMatchObject({ slug: 'politics' })
    expect(await secondary(601)).toEqual(['business', 'world'])
    const opera = await article(602)
    expect(await section(opera.categoryId)).toMatchObject({ slug: 'arts' })
    expect(await secondary(602)).toEqual(['culture'])
    expect(reasons(report)).toContainEqual(expect.stringMatching(/^2 × post in several categories: /))
    await run('several-categories')
    expect(await secondary(601)).toEqual(['business', 'world'])
  })
})

describe('dates', () => {
  let first: Awaited<ReturnType<typeof run>>
  beforeAll(async () => {
    first = await run('dates')
  })

  it("takes the last-modified time from the export, not the import's", async () => {
    expect((await article(701)).updatedAt.toISOString()).toBe('2023-05-09T16:20:00.000Z')
    // Never modified after publication: no "Updated" line.
    expect((await article(702)).updatedAt.toISOString()).toBe('2023-05-03T09:00:00.000Z')
  })

  it('dates a published post without a date by its last change, else by its first import, and keeps that', async () => {
    expect((await article(703)).publishedAt?.toISOString()).toBe('2019-02-14T10:30:00.000Z')
    const undated = (await article(704)).publishedAt!
    expect(Date.now() - undated.getTime()).toBeLessThan(60_000)
    expect(reasons(first)).toContainEqual(expect.stringMatching(/^post 704: no publication date; dated at its first/))

    await new Promise((r) => setTimeout(r, 20))
    const again = await run('dates')
    expect(again.error).toBeUndefined()
    expect((await article(704)).publishedAt?.getTime()).toBe(undated.getTime())
    expect((await article(701)).updatedAt.toISOString()).toBe('2023-05-09T16:20:00.000Z')
  })
})

describe('media served from outside wp-content/uploads', () => {
  const mediaDir = path.join(tmp, 'uploads')
  let report: Awaited<ReturnType<typeof run>>
  beforeAll(async () => {
    for (const rel of ['2024/04/pier.png', '2024/04/lock.png', 'harbour/crane.png']) {
      fs.mkdirSync(path.dirname(path.join(mediaDir, rel)), { recursive: true })
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a7' } })
        .png()
        .toFile(path.join(mediaDir, rel))
    }
    report = await run('offsite-media', { mediaDir })
  })

  it('finds each file in the local copy by _wp_attached_file or the YYYY/MM tail of its address', async () => {
    expect(report.error).toBeUndefined()
    expect(report.keptMediaUrls).toEqual([])
    expect(report.counts.media).toEqual({ created: 3, updated: 0 })
    const pier = (await db.select().from(media).where(eq(media.alt, 'The pier at low tide')).limit(1))[0]
    expect(pier).toBeDefined()
    expect((await article(811)).featuredImageId).toBe(pier!.id)
  })

  it("points the post's images, size variants included, at the imported files", async () => {
    const body = (await article(811)).body
    expect(body).not.toMatch(/files\.wordpress\.com|amazonaws\.com|gull-cdn/)
    expect(body.match(/src="\/uploads\/[^"]+\.webp"/g)).toHaveLength(3)
    expect(body).toMatch(/href="\/uploads\/[^"]+\.webp"/)
  })
})

describe('posts without <wp:post_id>', () => {
  it('imports each as its own article, and matches each again on re-import', async () => {
    const first = await run('no-post-ids')
    expect(first.counts.posts).toEqual({ created: 3, updated: 0 })
    const titles = async () =>
      (await db.select({ title: articles.title }).from(articles).where(eq(articles.status, 'published')))
        .map((a) => a.title)
        .filter((t) => t.endsWith('without an id'))
        .sort()
    expect(await titles()).toEqual([
      'First post without an id',
      'Second post without an id',
      'Third post without an id',
    ])
    const firstPost = (
      await db.select().from(articles).where(eq(articles.title, 'First post without an id')).limit(1)
    )[0]!
    expect(
      (await db.select({ n: count() }).from(comments).where(eq(comments.articleId, firstPost.id)).limit(1))[0]!.n,
    ).toBe(2)

    const again = await run('no-post-ids')
    expect(again.counts.posts).toEqual({ created: 0, updated: 3 })
    expect(await titles()).toHaveLength(3)
    expect(
      (await db.select({ n: count() }).from(comments).where(eq(comments.articleId, firstPost.id)).limit(1))[0]!.n,
    ).toBe(2)
  })
})

describe('content', () => {
  it('keeps line breaks in comments', async () => {
    await run('comment-line-breaks')
    const list = await db.select().from(comments).where(eq(comments.articleId, 901))
    expect(list.find((c) => c.authorName === 'June Park')!.body).toBe(
      'Thank you for the report.\nIt matched what I saw.\nKeep it up.',
    )
    expect(list.find((c) => c.authorName === 'Ravi Das')!.body).toBe('Line one\nLine two')
  })

  it('keeps alignment and colours, and nothing else of an inline style', async () => {
    await run('inline-styles')
    const body = (await article(951)).body
    expect(body).toContain('<p style="text-align:center">Polls closed at eight.</p>')
    expect(body).toContain('<span style="color:#c0392b">the lowest</span>')
    expect(body).toContain('<span style="background-color:rgb(255, 255, 0)">twenty</span>')
    expect(body).toContain('<p style="text-align:right">Updated at midnight.</p>')
    expect(body).not.toMatch(/javascript|expression|font-family|url\(/)
  })

  it('keeps a link alone on its line inside its paragraph, and embeds a video on its own', async () => {
    await run('url-inside-paragraph')
    const body = (await article(961)).body
    expect(body).toMatch(
      /<p>The full ruling is online at<br \/>\s*<a href="https:\/\/courts\.example\.gov\/rulings\/2024-118\.pdf"[^>]*>https:\/\/courts\.example\.gov\/rulings\/2024-118\.pdf<\/a><br \/>\s*and runs to 80 pages\.<\/p>/,
    )
    expect(body).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"')
    expect(body.match(/<p>/g)).toHaveLength(3)
  })

  it('reads the tags and categories of a WXR 1.0 export once each', async () => {
    const report = await run('wxr-1.0')
    expect(report.error).toBeUndefined()
    expect(await section((await article(31)).categoryId)).toMatchObject({ slug: 'news' })
    expect(await tagSlugs(31)).toEqual(['harbour-works', 'shipping'])
    expect(
      (await db.select({ n: count() }).from(categories).where(eq(categories.slug, 'news-wp')).limit(1))[0]!.n,
    ).toBe(0)
  })

  it('never imports editorial notes as comments', async () => {
    const report = await run('editorial-notes')
    const list = await db.select().from(comments).where(eq(comments.articleId, 971))
    expect(list.map((c) => c.authorName)).toEqual(['Sam Reader'])
    expect(report.counts['editorial notes left out']).toEqual({ created: 2, updated: 0 })
    expect((await article(971)).body).not.toContain('noteId')
  })
})

describe('exports that are odd or broken', () => {
  it('imports an export that names no site, taking the address from its items', async () => {
    const report = await run('no-site-url')
    expect(report.error).toBeUndefined()
    expect(report.source).toBe('anon.example.org')
    expect((await article(41)).title).toBe('A post from a site without an address')
    expect(reasons(report)).toContainEqual(expect.stringMatching(/^site: the export names no address; taken as/))
    expect((await db.select().from(users).where(eq(users.email, 'editor@anon.example.org')).limit(1))[0]).toBeDefined()
    expect(await findRedirect('/2024/01/05/no-address/')).toBeUndefined() // Gazette's own address: nothing to redirect
  })

  it('refuses a WXR version that is not a version number, writing nothing', async () => {
    const report = await run('bad-version')
    expect(report.error).toMatch(/wxr_version.*"banana".*not a version number/)
    expect(
      (await db.select().from(users).where(eq(users.email, 'editor@version.example.org')).limit(1))[0],
    ).toBeUndefined()
  })

  it('names the line and column of a fault, and what the stopped run kept', async () => {
    const report = await run('broken-midway')
    expect(report.error).toMatch(/not well-formed XML at line 47, column \d+/)
    expect(reasons(report)).toContainEqual(
      expect.stringMatching(/^import: stopped; kept what it had written \(sections sport; authors editor, writer/),
    )
    expect((await db.select().from(categories).where(eq(categories.slug, 'sport')).limit(1))[0]).toBeDefined()
  })

  it('imports all or nothing when asked, files included', async () => {
    const copy = path.join(tmp, 'atomic.xml')
    fs.writeFileSync(
      copy,
      fs.readFileSync(fixture('broken-midway'), 'utf8').replaceAll('broken.example', 'atomic.example'),
    )
    const filesBefore = fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir, { recursive: true }).length : 0
    const report = await importWordpress(copy, { actorId, download: false, atomic: true })
    expect(report.error).toMatch(/line 47/)
    expect(reasons(report)).toContainEqual('import: stopped and rolled back: nothing of it was kept')
    expect(
      (await db.select().from(users).where(eq(users.email, 'editor@atomic.example.org')).limit(1))[0],
    ).toBeUndefined()
    expect(
      (
        await db
          .select({ n: count() })
          .from(categories)
          .where(and(eq(categories.slug, 'sport-wp')))
          .limit(1)
      )[0]!.n,
    ).toBe(0)
    const filesAfter = fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir, { recursive: true }).length : 0
    expect(filesAfter).toBe(filesBefore)
    // The connection is usable afterwards: the transaction was closed.
    expect((await run('posts-only')).error).toBeUndefined()
  })

  it('prints that an import stopped before what it wrote, on the command line', async () => {
    // Both streams through one pipe, in the order a terminal shows them.
    const out = spawnSync(
      'sh',
      [
        '-c',
        '"$0" --import tsx scripts/import-wordpress.ts "$1" --no-download 2>&1',
        process.execPath,
        fixture('broken-midway'),
      ],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        encoding: 'utf8',
        env: { ...process.env, DATABASE_PATH: path.join(tmp, 'cli.db'), ADMIN_PASSWORD: 'correct horse battery' },
      },
    )
    expect(out.status).toBe(1)
    const text = out.stdout
    expect(text).toMatch(/Import stopped: The export is not well-formed XML at line 47/)
    expect(text).not.toMatch(/Imported from/)
    expect(text.indexOf('Import stopped')).toBeLessThan(text.indexOf('Written before it stopped'))
  })
})
