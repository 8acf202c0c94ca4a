import { beforeAll, describe, expect, it } from 'vitest'
import { groupStories } from '@/services/digest'
import { db } from '../client'
import { migrateDatabase } from '../migrate'
import { addSection, addUser, publishArticle } from '../test-fixtures'
import {
  getPublishedArticleBySlug,
  listCategoryArticles,
  listRelatedInCategory,
  pageCategoryArticles,
} from './articles'
import { categoryTreeIds, listCategoriesWithCounts } from './categories'
import { listDigestStories } from './digests'
import { listFeedArticles } from './feeds'
import { listSitemapSections } from './sitemaps'

// A small newsroom where some articles are also listed in other sections (secondary sections).
const section: Record<string, number> = {}
const id: Record<string, number> = {}
const hour = 3_600_000
const now = new Date('2026-06-15T12:00:00Z')

let authorId: number

async function publish(key: string, primary: string, secondary: string[], hoursAgo: number, status = 'published') {
  id[key] = await publishArticle(
    authorId,
    status === 'published' ? new Date(now.getTime() - hoursAgo * hour) : null,
    {
      title: `Story ${key}`,
      slug: `story-${key}`,
      body: `<p>Story ${key} was reported by the desk on a busy day in the newsroom.</p>`,
      categoryId: section[primary]!,
      secondaryCategoryIds: secondary.map((s) => section[s]!),
    },
    now,
  )
}

const economy = ['a1', 'a8', 'a2', 'a3', 'a6', 'a7']
const economyTree = ['a1', 'a8', 'a2', 'a3', 'a4', 'a6', 'a7']

const keys = (list: { id: number }[]) => list.map((a) => Object.keys(id).find((k) => id[k] === a.id))

beforeAll(async () => {
  await migrateDatabase(db)
  authorId = await addUser({ email: 'desk@example.com', name: 'Desk', slug: 'desk', role: 'editor' })
  const add = async (name: string, parentId: number | null = null) => (section[name] = await addSection(name, parentId))
  await add('politics')
  await add('economy')
  await add('markets', section.economy)
  await add('sport')
  await add('opinion')
  await publish('a1', 'politics', ['economy'], 1)
  await publish('a2', 'economy', [], 2)
  await publish('a3', 'markets', ['economy'], 3)
  await publish('a4', 'sport', ['markets'], 4)
  await publish('draft', 'politics', ['economy', 'opinion'], 0, 'draft')
  await publish('a6', 'economy', [], 6)
  await publish('a7', 'politics', ['economy', 'opinion'], 7)
  // Published at the same instant as a2: ties go to the higher id.
  await publish('a8', 'sport', ['economy'], 2)
})

describe('a section listing with secondary sections', () => {
  it('lists articles of the section as primary or secondary section, newest first, published only', async () => {
    const page = await pageCategoryArticles([section.economy!], 1, 20)
    expect(keys(page.items)).toEqual(economy)
    expect(page.total).toBe(6)
    expect(page.pageCount).toBe(1)
    expect(keys(await listCategoryArticles([section.economy!], 3))).toEqual(economy.slice(0, 3))
  })

  it('pages without gaps or repeats, with the right count', async () => {
    const first = await pageCategoryArticles([section.economy!], 1, 4)
    expect(first.pageCount).toBe(2)
    const second = await pageCategoryArticles([section.economy!], 2, 4)
    expect([...keys(first.items), ...keys(second.items)]).toEqual(economy)
    expect(second.total).toBe(6)
  })

  it('includes subsections, listing an article met in two of them once', async () => {
    const tree = await categoryTreeIds(section.economy!)
    expect(tree).toHaveLength(2)
    const all: number[] = []
    const first = await pageCategoryArticles(tree, 1, 3)
    expect(first.total).toBe(7)
    expect(first.pageCount).toBe(3)
    for (let p = 1; p <= first.pageCount; p++)
      all.push(...(await pageCategoryArticles(tree, p, 3)).items.map((a) => a.id))
    expect(keys(all.map((n) => ({ id: n })))).toEqual(economyTree)
    expect(keys(await listCategoryArticles(tree, 4))).toEqual(economyTree.slice(0, 4))
  })

  it('lists a section that holds only secondary listings', async () => {
    const opinion = await pageCategoryArticles([section.opinion!], 1, 10)
    expect(keys(opinion.items)).toEqual(['a7'])
    expect(opinion.total).toBe(1)
  })

  it('counts secondary listings in the section counts', async () => {
    const counts = new Map((await listCategoriesWithCounts()).map((c) => [c.slug, c.count]))
    expect(Object.fromEntries(counts)).toEqual({ politics: 2, economy: 6, markets: 2, sport: 2, opinion: 1 })
  })

  it('feeds the section feed, subsections included', async () => {
    const feed = await listFeedArticles({ kind: 'category', ids: await categoryTreeIds(section.economy!) })
    expect(keys(feed)).toEqual(economyTree)
    expect(feed.find((a) => a.id === id.a7)!.secondarySections.map((s) => s.slug)).toEqual(['economy', 'opinion'])
  })

  it('puts a section with only secondary listings in the sitemap', async () => {
    expect((await listSitemapSections()).map((s) => s.slug)).toContain('opinion')
  })

  it('offers articles also in the section as related posts', async () => {
    const a2 = (await getPublishedArticleBySlug('story-a2'))!
    expect(keys(await listRelatedInCategory(a2, 3))).toEqual(['a1', 'a8', 'a3'])
  })
})

describe('an article with secondary sections', () => {
  it('shows them besides its primary section, by name', async () => {
    const a7 = (await getPublishedArticleBySlug('story-a7'))!
    expect(a7.category?.slug).toBe('politics')
    expect(a7.secondarySections.map((s) => s.slug)).toEqual(['economy', 'opinion'])
    expect((await getPublishedArticleBySlug('story-a2'))!.secondarySections).toEqual([])
  })

  it('reaches readers who follow one of them in their digest, under that heading', async () => {
    const stories = await listDigestStories(
      { sectionIds: [section.opinion!, section.economy!], tagIds: [] },
      { from: new Date(now.getTime() - 24 * hour), to: now },
      20,
    )
    expect(keys(stories).sort()).toEqual([...economyTree].sort())
    const names = new Map([
      [section.economy!, 'Economy'],
      [section.opinion!, 'Opinion'],
    ])
    const groups = groupStories(stories, [section.opinion!, section.economy!], names, (c) => ({
      id: c.id,
      title: c.title,
      url: '',
      standfirst: '',
      keyPoints: [],
      featured: false,
    }))
    const headingOf = (key: string) => groups.find((g) => g.stories.some((s) => s.id === id[key]))?.heading
    expect(headingOf('a2')).toBe('economy')
    expect(headingOf('a1')).toBe('economy')
    expect(headingOf('a7')).toBe('economy')
    // Listed in Markets only, whose parent the reader follows.
    expect(headingOf('a4')).toBe('Economy')
  })
})
