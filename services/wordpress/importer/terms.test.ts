import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { findRedirect } from '@/db/queries/redirects'
import { categories, tags } from '@/db/schema'
import type { WxrItem } from '../wxr'
import { flushCategories, importTerm, postSections, postTerms } from './terms'
import { prepareDatabase, readFixture, testContext } from './testing'

let actorId: number
beforeAll(async () => {
  actorId = await prepareDatabase()
})

const category = async (slug: string) =>
  (await db.select().from(categories).where(eq(categories.slug, slug)).limit(1))[0]

describe('the terms of an export', () => {
  it('writes tags at once and categories, parents first, when their list ends', async () => {
    const { terms, site } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    for (const t of terms) await importTerm(ctx, t)
    expect((await db.select().from(tags).where(eq(tags.slug, 'bridges')).limit(1))[0]).toBeDefined()
    expect(ctx.terms.tagsBySlug.size).toBe(2)
    expect(await category('local')).toBeUndefined()
    expect(ctx.report.skipped).toContainEqual({ item: 'term main', reason: 'taxonomy "nav_menu" is not imported' })

    await flushCategories(ctx)
    const local = (await category('local'))!
    expect(local).toMatchObject({ name: 'Local & Regional', description: 'Our town', parentId: null })
    expect((await category('river-traffic'))!.parentId).toBe(local.id)
    expect((await category('orphan'))!.parentId).toBeNull()
    expect(ctx.report.skipped).toContainEqual({
      item: 'category orphan',
      reason: 'its parent "gone" is not in the export; placed at the top',
    })
    expect(ctx.report.counts.categories).toEqual({ created: 3, updated: 0 })
    expect((await findRedirect('/category/local/river-traffic/'))?.toPath).toBe('/category/river-traffic/')

    await importTerm(ctx, { ...terms.find((t) => t.taxonomy === 'category')!, slug: 'late' })
    expect(ctx.report.skipped).toContainEqual({ item: 'category late', reason: 'listed after the first post; ignored' })
  })

  it('files a post under its categories, creating those the export did not list, and tags its format', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId })
    const post = item(101)
    const sections = await postSections(ctx, {
      ...post,
      terms: [...post.terms, { domain: 'category', slug: 'weather', name: 'Weather' }],
    })
    expect(sections.categoryId).toBe((await category('river-traffic'))!.id)
    expect(sections.secondaryCategoryIds).toEqual([(await category('weather'))!.id])
    const tagged = await Promise.all(
      sections.tagIds.map(async (id) => (await db.select().from(tags).where(eq(tags.id, id)).limit(1))[0]!),
    )
    expect(tagged.map((t) => t.name)).toEqual(['Bridges', 'γέφυρα', 'Format: Gallery'])
    expect(tagged[2]!.slug).toBe('format-gallery')
    expect(ctx.report.skipped).toContainEqual({
      item: 'category weather',
      reason: expect.stringMatching(/^named on posts only/),
    })
  })

  it('keeps the fuller of the twin terms WXR 1.0 wrote', () => {
    const item = {
      terms: [
        { domain: '', slug: '', name: 'News' },
        { domain: 'category', slug: 'news', name: 'News' },
        { domain: 'tag', slug: '', name: 'Rivers' },
        { domain: 'tag', slug: 'rivers', name: 'Rivers' },
      ],
    } as WxrItem
    expect(postTerms(item)).toEqual([
      { domain: 'category', slug: 'news', name: 'News' },
      { domain: 'post_tag', slug: 'rivers', name: 'Rivers' },
    ])
  })
})
