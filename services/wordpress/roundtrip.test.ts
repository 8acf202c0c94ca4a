import { asc, count, eq } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { connect, db, type Drizzle, openDatabase, withDatabase } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { importActor } from '@/db/mutations/wordpress'
import * as schema from '@/db/schema'
import { seedDatabase } from '@/services/seed/seed'
import { uploadsDir } from '@/services/media'
import { readWxr } from './wxr'
import { exportJson, exportWxr } from './export'
import { importWordpress } from './import'

const { articles, articleSections, articleTags, categories, comments, media, pages, settings, tags, users } = schema
const total = (table: SQLiteTable) => db.select({ n: count() }).from(table).get()!.n
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-roundtrip-'))
const file = path.join(tmp, 'site.wordpress.xml')
let target: Drizzle

/** What a reader and an editor see of a site, keyed on what survives a move (slugs, addresses). */
function picture(d: Drizzle) {
  const cat = new Map(
    d
      .select()
      .from(categories)
      .all()
      .map((c) => [c.id, c]),
  )
  const user = new Map(
    d
      .select()
      .from(users)
      .all()
      .map((u) => [u.id, u]),
  )
  const img = new Map(
    d
      .select()
      .from(media)
      .all()
      .map((m) => [m.id, m]),
  )
  const pageRows = d.select().from(pages).all()
  const pageSlug = new Map(pageRows.map((p) => [p.id, p.slug]))
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
    articles: d
      .select()
      .from(articles)
      .orderBy(asc(articles.id))
      .all()
      .map((a) => ({
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
        tags: d
          .select({ slug: tags.slug })
          .from(articleTags)
          .innerJoin(tags, eq(tags.id, articleTags.tagId))
          .where(eq(articleTags.articleId, a.id))
          .all()
          .map((t) => t.slug)
          .sort(),
        comments: (() => {
          const list = d
            .select()
            .from(comments)
            .where(eq(comments.articleId, a.id))
            .orderBy(asc(comments.createdAt), asc(comments.id))
            .all()
          const byId = new Map(list.map((c) => [c.id, c]))
          return list.map((c) => ({
            author: c.authorName,
            body: c.body,
            status: c.status,
            at: c.createdAt.getTime() - (c.createdAt.getTime() % 1000),
            replyTo: c.parentId ? byId.get(c.parentId)!.authorName : null,
          }))
        })(),
      })),
  }
}

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 40, images: 3, adminPassword: 'x'.repeat(12) })
  let xml = ''
  await exportWxr('https://northbridge.example', (chunk) => void (xml += chunk))
  fs.writeFileSync(file, xml)

  const copy = connect(openDatabase(path.join(tmp, 'copy.db')))
  target = copy.writer
  await migrateDatabase(target)
  // Site settings are not part of WXR (the JSON export has them); the timezone decides article URLs.
  for (const row of db.select().from(settings).all()) target.insert(settings).values(row).run()
  const report = await withDatabase(copy, async () => {
    const actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
    return importWordpress(file, { actorId, mediaDir: uploadsDir, download: false })
  })
  expect(report.error).toBeUndefined()
  expect(report.keptMediaUrls).toEqual([])
})

describe('export to WordPress and import again', () => {
  it('writes a WXR 1.2 file that reads back item by item', async () => {
    const kinds: Record<string, number> = {}
    for await (const e of readWxr(fs.createReadStream(file)))
      kinds[e.kind === 'item' ? e.item.type : e.kind] = (kinds[e.kind === 'item' ? e.item.type : e.kind] ?? 0) + 1
    expect(kinds.site).toBe(1)
    expect(kinds.post).toBe(total(articles))
    expect(kinds.page).toBe(total(pages))
    expect(kinds.attachment).toBe(total(media))
  })

  it('reproduces the seeded site in an empty database', () => {
    const before = picture(db)
    const after = picture(target)
    expect(after.categories).toEqual(before.categories)
    expect(after.staff).toEqual(before.staff)
    expect(after.pages).toEqual(before.pages)
    expect(after.media).toEqual(before.media)
    expect(after.articles.length).toBeGreaterThan(40)
    for (const [i, a] of after.articles.entries()) expect(a).toEqual(before.articles[i])
  })

  it('writes every section of an article as a category, the primary section first', async () => {
    const slugOf = new Map(
      db
        .select({ id: categories.id, slug: categories.slug })
        .from(categories)
        .all()
        .map((c) => [c.id, c.slug]),
    )
    const listed = db.select().from(articleSections).all()
    expect(listed.length).toBeGreaterThan(0)
    const expected = new Map<number, string[]>()
    for (const a of db.select({ id: articles.id, categoryId: articles.categoryId }).from(articles).all())
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

  it('keeps secondary sections through WordPress', () => {
    const sectionsOf = (d: Drizzle) =>
      d
        .select({ article: articles.slug, section: categories.slug })
        .from(articleSections)
        .innerJoin(articles, eq(articles.id, articleSections.articleId))
        .innerJoin(categories, eq(categories.id, articleSections.categoryId))
        .orderBy(asc(articles.slug), asc(categories.slug))
        .all()
    expect(sectionsOf(db).length).toBeGreaterThan(0)
    expect(sectionsOf(target)).toEqual(sectionsOf(db))
  })

  it('dumps every table but secrets as JSON', async () => {
    let json = ''
    await exportJson((chunk) => void (json += chunk))
    const dump = JSON.parse(json)
    expect(dump.articles).toHaveLength(total(articles))
    expect(dump.comments).toHaveLength(total(comments))
    expect(dump.articleSections).toHaveLength(total(articleSections))
    expect(dump.articleSections.length).toBeGreaterThan(0)
    expect(json).not.toMatch(/passwordHash|password_hash|tokenHash|\$argon2/)
  })
})
