import { eq } from 'drizzle-orm'
import { ZodError } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { pages, redirects, settings, users } from '../schema'
import { seedDatabase } from '@/services/seed/seed'
import { deletePage, insertPage, isReservedPageSlug, ReservedSlugError, SlugTakenError, updatePage } from './pages'
import { readSiteSettings } from '../queries/site-settings'
import { saveSiteSettings } from './settings'
import { firstRow } from '../test-fixtures'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

let actorId: number

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({ articles: 20, images: 1, adminPassword: 'x'.repeat(12) })
  actorId = (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1))).id
})

const page = (over: Partial<Parameters<typeof insertPage>[0]> = {}) => ({
  slug: 'letters-policy',
  title: 'Letters Policy',
  body: '<p>Write to us.</p>',
  status: 'draft' as const,
  inTopNav: false,
  position: 0,
  seoDescription: null,
  ...over,
})

describe('static pages', () => {
  it('refuses slugs the site routes use', async () => {
    for (const slug of ['search', 'admin', 'tag', 'wp-login.php', 'sitemap.xml', '2026', '1999'])
      expect(isReservedPageSlug(slug)).toBe(true)
    expect(isReservedPageSlug('letters-policy')).toBe(false)
    expect(isReservedPageSlug('20261')).toBe(false)
    await expect(insertPage(page({ slug: 'search' }), actorId)).rejects.toThrow(ReservedSlugError)
    await expect(insertPage(page({ slug: '2026' }), actorId)).rejects.toThrow(ReservedSlugError)
    const { id } = await insertPage(page({ slug: 'reserved-test' }), actorId)
    await expect(updatePage(id, page({ slug: 'feed' }), actorId)).rejects.toThrow(ReservedSlugError)
    await deletePage(id, actorId)
  })

  it('refuses a slug another page uses', async () => {
    const existing = await firstRow(db.select({ slug: pages.slug }).from(pages).orderBy(pages.id).limit(1))
    await expect(insertPage(page({ slug: existing.slug }), actorId)).rejects.toThrow(SlugTakenError)
  })

  it('sanitizes the body before storing it', async () => {
    const { id } = await insertPage(
      page({
        slug: 'sanitized',
        body: '<p>Hello</p><script>alert(1)</script><img src="https://example.com/x.png" onerror="alert(2)">',
      }),
      actorId,
    )
    const stored = async () =>
      (await firstRow(db.select({ body: pages.body }).from(pages).where(eq(pages.id, id)))).body
    expect(await stored()).toContain('<p>Hello</p>')
    expect(await stored()).not.toMatch(/script|onerror/i)
    await updatePage(id, page({ slug: 'sanitized', body: '<p onclick="x()">Again</p><script>1</script>' }), actorId)
    expect(await stored()).toBe('<p>Again</p>')
    await deletePage(id, actorId)
  })

  it('sets publishedAt when first published and keeps it', async () => {
    const t1 = new Date('2026-01-01T00:00:00Z')
    const t2 = new Date('2026-02-01T00:00:00Z')
    const { id } = await insertPage(page({ slug: 'dated' }), actorId, t1)
    const publishedAt = async () =>
      (await firstRow(db.select({ at: pages.publishedAt }).from(pages).where(eq(pages.id, id)))).at
    expect(await publishedAt()).toBeNull()
    await updatePage(id, page({ slug: 'dated', status: 'published' }), actorId, t1)
    expect(await publishedAt()).toEqual(t1)
    await updatePage(id, page({ slug: 'dated-moved', status: 'published' }), actorId, t2)
    expect(await publishedAt()).toEqual(t1)
    const [redirect] = await db.select().from(redirects).where(eq(redirects.fromPath, '/dated/'))
    expect(redirect?.toPath).toBe('/dated-moved/')
    expect((await deletePage(id, actorId))?.slug).toBe('dated-moved')
    expect(await deletePage(id, actorId)).toBeUndefined()
  })
})

describe('site settings', () => {
  it('round-trips the given keys and leaves the others alone', async () => {
    const before = await readSiteSettings()
    await saveSiteSettings(
      {
        tagline: 'Local news, first.',
        timezone: 'Europe/London',
        social: [{ network: 'linkedin', url: 'https://www.linkedin.com/company/example' }],
        staff: [{ role: 'Editor', name: 'A. Person' }],
        logoMediaId: null,
      },
      actorId,
    )
    const after = await readSiteSettings()
    expect(after.tagline).toBe('Local news, first.')
    expect(after.timezone).toBe('Europe/London')
    expect(after.social).toEqual([{ network: 'linkedin', url: 'https://www.linkedin.com/company/example' }])
    expect(after.staff).toEqual([{ role: 'Editor', name: 'A. Person' }])
    expect(after.logoMediaId).toBeNull()
    expect(after.name).toBe(before.name)
    expect(after.copyright).toBe(before.copyright)
  })

  it('refuses an unknown timezone and writes nothing', async () => {
    const before = await db.select().from(settings).orderBy(settings.key)
    await expect(saveSiteSettings({ tagline: 'Never stored', timezone: 'Mars/Olympus_Mons' }, actorId)).rejects.toThrow(
      ZodError,
    )
    expect(await db.select().from(settings).orderBy(settings.key)).toEqual(before)
    expect((await readSiteSettings()).tagline).not.toBe('Never stored')
  })

  it('stores https links to any of the networks and refuses every other address', async () => {
    const links = [
      { network: 'bluesky' as const, url: 'https://bsky.app/profile/example.com' },
      { network: 'mastodon' as const, url: 'https://mastodon.social/@example' },
      { network: 'rss' as const, url: 'https://example.com/feed/' },
    ]
    await saveSiteSettings({ social: links }, actorId)
    expect((await readSiteSettings()).social).toEqual(links)
    for (const url of ['javascript:alert(1)', 'http://example.com/', 'data:text/html,x', 'https://']) {
      await expect(saveSiteSettings({ social: [{ network: 'x', url }] }, actorId), url).rejects.toThrow(ZodError)
    }
    expect((await readSiteSettings()).social).toEqual(links)
  })

  it('drops only the stored links that no longer validate', async () => {
    await writer
      .update(settings)
      .set({
        value: [
          { network: 'x', url: 'javascript:alert(1)' },
          { network: 'threads', url: 'https://www.threads.net/@example' },
          { network: 'myspace', url: 'https://myspace.com/x' },
        ],
      })
      .where(eq(settings.key, 'social'))
    expect((await readSiteSettings()).social).toEqual([{ network: 'threads', url: 'https://www.threads.net/@example' }])
  })
})
