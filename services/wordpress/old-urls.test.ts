import { eq } from 'drizzle-orm'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { importActor, upsertAuthor } from '@/db/mutations/wordpress'
import { findQueryRedirect, findRedirect } from '@/db/queries/redirects'
import { articleAuthors, articles, categories, users } from '@/db/schema'
import { importWordpress } from './import'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let actorId: number

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', 'cases', `${name}.wordpress.xml`)
const run = async (name: string) => {
  const report = await importWordpress(fixture(name), { actorId, download: false })
  expect(report.error).toBeUndefined()
  return report
}
const userBySlug = async (slug: string) => (await db.select().from(users).where(eq(users.slug, slug)).limit(1))[0]

beforeAll(async () => {
  await migrateDatabase(db)
  actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
})

describe('permalinks without a trailing slash', () => {
  beforeAll(async () => {
    await run('permalink-no-slash')
    await run('permalink-month-no-slash')
  })

  it('lead to the article or page, asked with or without the slash', async () => {
    for (const [from, to] of [
      ['/ferry-timetable', '/2024/04/02/ferry-timetable/'],
      ['/ferry-timetable/', '/2024/04/02/ferry-timetable/'],
      ['/ferry-times', '/2024/04/02/ferry-timetable/'],
      ['/ferry-timetable/feed/', '/2024/04/02/ferry-timetable/'],
      ['/ferry-timetable/feed', '/2024/04/02/ferry-timetable/'],
      ['/ferry-timetable/comments/feed/atom', '/2024/04/02/ferry-timetable/'],
      ['/about-us', '/about-us/'],
      ['/about-us/contact', '/contact/'],
      ['/about-us/contact/', '/contact/'],
      ['/2024/03/lighthouse-keeper', '/2024/03/14/lighthouse-keeper/'],
      ['/2024/03/lighthouse-keeper/', '/2024/03/14/lighthouse-keeper/'],
    ])
      expect((await findRedirect(from!))?.toPath, from).toBe(to)
  })

  it('never send a path to itself', async () => {
    expect(await findRedirect('/about-us/')).toBeUndefined()
  })
})

describe('a WordPress installed in a subfolder', () => {
  beforeAll(async () => {
    expect((await run('subfolder-install')).source).toBe('paper.example.net/blog')
  })

  it('answers its query-string URLs under the subfolder, and only there', async () => {
    const tides = (await db.select().from(categories).where(eq(categories.slug, 'tides')).limit(1))[0]!
    expect(tides).toBeDefined()
    expect(await findQueryRedirect('/blog/?p=41')).toBe('/2024/02/10/spring-tides/')
    expect(await findQueryRedirect('/blog?p=41')).toBe('/2024/02/10/spring-tides/')
    expect(await findQueryRedirect('/blog/?page_id=42')).toBe('/masthead/')
    expect(await findQueryRedirect('/blog/?cat=43')).toBe('/category/tides/')
    expect(await findQueryRedirect('/blog/?s=tides')).toBe('/search/?q=tides')
    expect(await findQueryRedirect('/elsewhere/?p=41')).toBeUndefined()
    expect(await findQueryRedirect('/blog/?p=999999')).toBeNull()
  })
})

describe('query-string URLs naming content that is not here', () => {
  it('are told apart from the ones that are not WordPress content', async () => {
    for (const url of ['/?p=999999', '/?page_id=999999', '/?attachment_id=999999', '/?cat=999999', '/?author=999999'])
      expect(await findQueryRedirect(url), url).toBeNull()
    expect(await findQueryRedirect('/?utm_source=x')).toBeUndefined()
    expect(await findQueryRedirect('/?s=ferry')).toBe('/search/?q=ferry')
    expect(await findQueryRedirect('/?feed=rss2')).toBe('/feed/')
  })
})

describe('child categories', () => {
  beforeAll(async () => {
    await run('nested-categories')
  })

  it('answer at their nested WordPress path, at every depth', async () => {
    expect((await findRedirect('/category/coast/harbour-news/'))?.toPath).toBe('/category/harbour-news/')
    expect((await findRedirect('/category/coast/harbour-news/moorings/'))?.toPath).toBe('/category/moorings/')
    expect((await findRedirect('/category/coast/harbour-news/moorings'))?.toPath).toBe('/category/moorings/')
  })
})

describe('a WordPress author whose login is a Gazette account’s address', () => {
  it('is not met by the admin account an import creates in an empty database', async () => {
    const admin = (await db.select().from(users).where(eq(users.id, actorId)).limit(1))[0]!
    expect(['admin', 'administrator', 'editor', 'author', 'webmaster']).not.toContain(admin.slug)
  })

  it('takes the address from an account without a published byline, which moves aside', async () => {
    // As db/seed.ts and earlier imports name the first administrator.
    await writer.update(users).set({ slug: 'admin' }).where(eq(users.id, actorId))
    await run('author-admin')
    const rhea = (await db.select().from(users).where(eq(users.email, 'rhea@quay.example.com')).limit(1))[0]!
    expect(rhea.slug).toBe('admin')
    const moved = (await db.select().from(users).where(eq(users.id, actorId)).limit(1))[0]!
    expect(moved.slug).toMatch(/^site-admin/)
    expect(await findQueryRedirect('/?author=1')).toBe('/author/admin/')
    expect(await findRedirect('/author/admin/')).toBeUndefined()
  })

  it('leaves the address to an account with published bylines, and says so', async () => {
    const holder = (
      await writer
        .insert(users)
        .values({ email: 'editor@gazette.example', name: 'Desk Editor', slug: 'editor', role: 'editor' })
        .returning()
    )[0]!
    const byline = (
      await writer
        .insert(articles)
        .values({
          slug: 'desk-notes',
          title: 'Desk notes',
          authorId: holder.id,
          status: 'published',
          publishedAt: new Date(),
        })
        .returning()
    )[0]!
    await writer.insert(articleAuthors).values({ articleId: byline.id, userId: holder.id })
    const r = await upsertAuthor(
      'quay.example.com',
      { key: '2', login: 'editor', email: 'sam@quay.example.com', name: 'Sam Reed' },
      actorId,
    )
    expect(r.slugTaken).toBe(true)
    expect((await userBySlug('editor'))!.id).toBe(holder.id)
    const sam = (await db.select().from(users).where(eq(users.id, r.id)).limit(1))[0]!
    expect(sam.slug).toBeTruthy()
    expect(sam.slug).not.toBe('editor')
    expect(r.slug).toBe(sam.slug)
  })

  it('says in the import report where such an author went', async () => {
    const file = path.join(os.tmpdir(), `author-editor-${process.pid}.wordpress.xml`)
    fs.writeFileSync(
      file,
      fs
        .readFileSync(fixture('author-admin'), 'utf8')
        .replaceAll('quay.example.com', 'pier.example.com')
        .replaceAll('[CDATA[admin]]', '[CDATA[editor]]'),
    )
    const report = await importWordpress(file, { actorId, download: false })
    expect(report.skipped).toContainEqual({
      item: 'author editor',
      reason: expect.stringMatching(
        /^\/author\/editor\/ belongs to a Gazette author with published stories; imported as \/author\/[\w-]+\/$/,
      ),
    })
  })

  it('is reported only when the address went to someone else', async () => {
    const r = await upsertAuthor(
      'quay.example.com',
      { key: '3', login: 'lena', email: 'lena@quay.example.com', name: 'Lena Roos' },
      actorId,
    )
    expect(r).toMatchObject({ slug: 'lena', slugTaken: false })
  })
})
