import { asc, count, eq } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  type Connection,
  connect,
  connectPostgres,
  db,
  disconnect,
  type Drizzle,
  engine,
  openDatabase,
  withDatabase,
} from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { databaseFromTemplate } from '@/db/test-postgres'
import { importActor } from '@/db/mutations/wordpress'
import * as schema from '@/db/schema'
import { seedDatabase } from '@/services/seed/seed'
import { uploadsDir } from '@/services/media'
import { readWxr } from './wxr'
import { exportJson, exportWxr } from './export'
import { importWordpress } from './import'

const { articles, articleSections, articleTags, categories, comments, media, pages, settings, tags, users } = schema
const total = async (table: SQLiteTable) => (await db.select({ n: count() }).from(table).limit(1))[0]!.n
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-roundtrip-'))
const file = path.join(tmp, 'site.wordpress.xml')
let copy: Connection
let target: Drizzle

/** The empty database the export is imported into: a second SQLite file, or a second PostgreSQL database. */
async function emptyDatabase(): Promise<Connection> {
  if (engine === 'sqlite') return connect(openDatabase(path.join(tmp, 'copy.db')))
  // The run's cluster (db/postgres/vitest-global.ts), copied from its migrated template.
  const url = await databaseFromTemplate(inject('postgresServer'), 'roundtrip')
  return connectPostgres(url, 2)
}

/** What a reader and an editor see of a site, keyed on what survives a move (slugs, addresses). */
async function picture(d: Drizzle) {
  const cat = new Map((await d.select().from(categories)).map((c) => [c.id, c]))
  const user = new Map((await d.select().from(users)).map((u) => [u.id, u]))
  const img = new Map((await d.select().from(media).orderBy(asc(media.id))).map((m) => [m.id, m]))
  const pageRows = await d.select().from(pages)
  const pageSlug = new Map(pageRows.map((p) => [p.id, p.slug]))
  const articleRows = []
  for (const a of await d.select().from(articles).orderBy(asc(articles.id))) {
    const tagRows = await d
      .select({ slug: tags.slug })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(eq(articleTags.articleId, a.id))
    const list = await d
      .select()
      .from(comments)
      .where(eq(comments.articleId, a.id))
      .orderBy(asc(comments.createdAt), asc(comments.id))
    const byId = new Map(list.map((c) => [c.id, c]))
    articleRows.push({
      id: a.id,
      slug: a.slug,
      title: a.title,
      standfirst: a.standfirst,
      body: a.body.replace(/\s+/g, ' '),
      status: a.status,
      // WordPress keeps dates to the second.
      publishedAt: a.publishedAt ? Math.floor(a.publishedAt.getTime() / 1000) : null,
      author: user.get(a.authorId)!.email,
      category: a.categoryId ? cat.get(a.categoryId)!.slug : null,
      featured: a.isFeatured,
      commentsOpen: a.commentsOpen,
      image: a.featuredImageId ? img.get(a.featuredImageId)!.alt : null,
      tags: tagRows.map((t) => t.slug).sort(),
      comments: list.map((c) => ({
        author: c.authorName,
        body: c.body,
        status: c.status,
        at: c.createdAt.getTime() - (c.createdAt.getTime() % 1000),
        replyTo: c.parentId ? byId.get(c.parentId)!.authorName : null,
      })),
    })
  }
  return {
    categories: [...cat.values()]
      .map((c) => ({
        slug: c.slug,
        name: c.name,
        description: c.description,
        parent: c.parentId ? cat.get(c.parentId)!.slug : null,
      }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    staff: [...user.values()]
      .filter((u) => u.role !== 'reader')
      .map((u) => ({ email: u.email, name: u.name }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    media: [...img.values()].map((m) => ({ alt: m.alt, caption: m.caption, credit: m.credit, width: m.width })),
    pages: pageRows
      .map((p) => ({
        slug: p.slug,
        title: p.title,
        status: p.status,
        parent: p.parentId ? pageSlug.get(p.parentId) : null,
        position: p.position,
        text: p.body.replace(/\s+/g, ' '),
      }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    articles: articleRows,
  }
}

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 40, images: 3, adminPassword: 'x'.repeat(12) })
  let xml = ''
  await exportWxr('https://northbridge.example', (chunk) => void (xml += chunk))
  fs.writeFileSync(file, xml)

  copy = await emptyDatabase()
  target = copy.writer
  await migrateDatabase(target)
  // Site settings are not part of WXR (the JSON export has them); the timezone decides article URLs.
  for (const row of await db.select().from(settings)) await target.insert(settings).values(row)
  const report = await withDatabase(copy, async () => {
    const actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
    return importWordpress(file, { actorId, mediaDir: uploadsDir, download: false })
  })
  expect(report.error).toBeUndefined()
  expect(report.keptMediaUrls).toEqual([])
})

afterAll(() => disconnect(copy))

describe('export to WordPress and import again', () => {
  it('writes a WXR 1.2 file that reads back item by item', async () => {
    const kinds: Record<string, number> = {}
    for await (const e of readWxr(fs.createReadStream(file)))
      kinds[e.kind === 'item' ? e.item.type : e.kind] = (kinds[e.kind === 'item' ? e.item.type : e.kind] ?? 0) + 1
    expect(kinds.site).toBe(1)
    expect(kinds.post).toBe(await total(articles))
    expect(kinds.page).toBe(await total(pages))
    expect(kinds.attachment).toBe(await total(media))
  })

  it('reproduces the seeded site in an empty database', async () => {
    const before = await picture(db)
    const after = await picture(target)
    expect(after.categories).toEqual(before.categories)
    expect(after.staff).toEqual(before.staff)
    expect(after.pages).toEqual(before.pages)
    expect(after.media).toEqual(before.media)
    expect(after.articles.length).toBeGreaterThan(40)
    for (const [i, a] of after.articles.entries()) expect(a).toEqual(before.articles[i])
  })

  it('writes every section of an article as a category, the primary section first', async () => {
    const slugOf = new Map(
      (await db.select({ id: categories.id, slug: categories.slug }).from(categories)).map((c) => [c.id, c.slug]),
    )
    const listed = await db.select().from(articleSections)
    expect(listed.length).toBeGreaterThan(0)
    const expected = new Map<number, string[]>()
    for (const a of await db.select({ id: articles.id, categoryId: articles.categoryId }).from(articles))
      expected.set(a.id, a.categoryId ? [slugOf.get(a.categoryId)!] : [])
    for (const r of listed) expected.get(r.articleId)!.push(slugOf.get(r.categoryId)!)
    for await (const e of readWxr(fs.createReadStream(file))) {
      if (e.kind !== 'item' || e.item.type !== 'post') continue
      const written = e.item.terms.filter((t) => t.domain === 'category').map((t) => t.slug)
      const [primary, ...secondary] = expected.get(e.item.id)!
      expect(written[0]).toBe(primary)
      expect(written.slice(1).sort()).toEqual(secondary.sort())
    }
  })

  it('keeps secondary sections through WordPress', async () => {
    const sectionsOf = (d: Drizzle) =>
      d
        .select({ article: articles.slug, section: categories.slug })
        .from(articleSections)
        .innerJoin(articles, eq(articles.id, articleSections.articleId))
        .innerJoin(categories, eq(categories.id, articleSections.categoryId))
        .orderBy(asc(articles.slug), asc(categories.slug))
    expect((await sectionsOf(db)).length).toBeGreaterThan(0)
    expect(await sectionsOf(target)).toEqual(await sectionsOf(db))
  })

  it('dumps every table but secrets as JSON', async () => {
    let json = ''
    await exportJson((chunk) => void (json += chunk))
    const dump = JSON.parse(json)
    expect(dump.articles).toHaveLength(await total(articles))
    expect(dump.comments).toHaveLength(await total(comments))
    expect(dump.articleSections).toHaveLength(await total(articleSections))
    expect(dump.articleSections.length).toBeGreaterThan(0)
    expect(json).not.toMatch(/passwordHash|password_hash|tokenHash|\$argon2/)
  })
})
