import { count, eq } from 'drizzle-orm'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { readSiteSettings } from '@/db/queries/site-settings'
import { importActor } from '@/db/mutations/wordpress'
import { findQueryRedirect, findRedirect } from '@/db/queries/redirects'
import { articles, categories, comments, pages, tags } from '@/db/schema'
import { articlePath } from '@/lib/urls'
import { importWordpress, oldPath } from './import'
import { readWxr, type WxrItem } from './wxr'

// The WordPress Theme Unit Test export, when the shared test data is checked out beside the project.
const file = path.resolve(import.meta.dirname, '../../../shared/testdata/wordpress/themeunittestdata.wordpress.xml')
const present = fs.existsSync(file)

describe.skipIf(!present)('the WordPress Theme Unit Test export', () => {
  let report: Awaited<ReturnType<typeof importWordpress>>
  const items: WxrItem[] = []

  beforeAll(async () => {
    await migrateDatabase(db)
    const actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
    report = await importWordpress(file, { actorId, download: false })
    for await (const e of readWxr(fs.createReadStream(file))) if (e.kind === 'item') items.push(e.item)
  })

  it('imports every post, page, section, tag and comment', async () => {
    expect(report.error).toBeUndefined()
    const n = async (table: Parameters<ReturnType<typeof db.select>['from']>[0]) =>
      (await db.select({ n: count() }).from(table).limit(1))[0]!.n
    expect(await n(articles)).toBe(58)
    expect(await n(pages)).toBe(21)
    expect(await n(categories)).toBe(68)
    // 110 tags, plus one per post format in use.
    expect((await db.select({ n: count() }).from(tags).limit(1))[0]!.n).toBeGreaterThanOrEqual(110)
    const onPages = report.skipped
      .map((s) => /^(\d+) comment\(s\) on a page/.exec(s.reason)?.[1])
      .reduce((sum, x) => sum + Number(x ?? 0), 0)
    expect((await n(comments)) + report.counts['pingbacks dropped']!.created + onPages).toBe(33)
  })

  it('keeps section, page and comment hierarchies', async () => {
    const bySlug = async (slug: string) =>
      (await db.select().from(categories).where(eq(categories.slug, slug)).limit(1))[0]!
    expect((await bySlug('grandchild-category')).parentId).toBe((await bySlug('child-category-03')).id)
    expect((await bySlug('child-category-03')).parentId).toBe((await bySlug('parent-category')).id)
    const page = async (slug: string) => (await db.select().from(pages).where(eq(pages.slug, slug)).limit(1))[0]!
    expect((await page('level-3')).parentId).toBe((await page('level-2')).id)
    expect((await page('level-2')).parentId).toBe((await page('level-1')).id)
    const replies = (await db.select({ n: count() }).from(comments).where(eq(comments.status, 'approved')).limit(1))[0]!
      .n
    expect(replies).toBeGreaterThan(10)
    const deepest = await db.select({ id: comments.id, parentId: comments.parentId }).from(comments)
    const parents = new Map(deepest.map((c) => [c.id, c.parentId]))
    const depth = (id: number): number => (parents.get(id) ? 1 + depth(parents.get(id)!) : 1)
    expect(Math.max(...deepest.map((c) => depth(c.id)))).toBe(10)
  })

  it('gives every published post and page an old URL that leads to it', async () => {
    const tz = (await readSiteSettings()).timezone
    for (const item of items.filter((i) => i.status === 'publish' && !i.password)) {
      if (item.type === 'post') {
        const a = (await db.select().from(articles).where(eq(articles.id, item.id)).limit(1))[0]!
        expect(a.status).toBe('published')
        const now = articlePath(a, tz)
        const from = oldPath(item.link)
        expect(from === now || (await findRedirect(from))?.toPath === now, `${item.link} → ${now}`).toBe(true)
        expect(await findQueryRedirect(`/?p=${item.id}`)).toBe(now)
      } else if (item.type === 'page') {
        const to = await findQueryRedirect(`/?page_id=${item.id}`)
        expect(to, `page ${item.id}`).toMatch(/^\/[a-z0-9-]+\/$/)
        const from = oldPath(item.link)
        expect(from === to || (await findRedirect(from))?.toPath === to, `${item.link} → ${to}`).toBe(true)
      }
    }
  })

  it('renders every edge case into a sanitized, non-empty body', async () => {
    for (const a of await db.select().from(articles)) {
      expect(a.title.trim(), `post ${a.id}`).not.toBe('')
      expect(a.body).not.toMatch(/<script|<!--|\[caption|\[gallery|\[embed|onerror=/i)
    }
    const embedPost = items.find((i) => i.content.includes('wp:core-embed/youtube'))!
    const embeds = (await db.select().from(articles).where(eq(articles.id, embedPost.id)).limit(1))[0]!
    expect(embeds.body).toContain('youtube-nocookie.com/embed/ex8fMxXJDJw')
    expect(embeds.body).toContain('class="twitter-tweet"')
  })
})
