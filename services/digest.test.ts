import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '@/db/client'
import { rows } from '@/db/dialect'
import { migrateDatabase } from '@/db/migrate'
import { saveDigestPreferences } from '@/db/mutations/digests'
import { listDigestChoices, listDigestStories } from '@/db/queries/digests'
import { articles, categories, comments } from '@/db/schema'
import { addSection, addUser, publishArticle } from '@/db/test-fixtures'
import { composeDigest } from './digest'
import { digestHtml, digestText } from '@/lib/digest-mail'
import { latestSlot } from '@/lib/digest-schedule'
import { unsubscribeToken, verifyUnsubscribeToken } from '@/lib/digest-token'

// Test rows go in on the writing connection: `db` outside a transaction only reads.
const writer = writerConnection()

describe('digest schedule', () => {
  it('twice weekly sends on Monday and Thursday at the reader’s local hour', async () => {
    const sub = { frequency: 'twice-weekly' as const, hour: 7, timezone: 'Europe/Paris' }
    // Wednesday 2026-11-25 12:00 UTC: the last slot was Monday 23rd 07:00 Paris (06:00 UTC).
    expect(latestSlot(sub, new Date('2026-11-25T12:00:00Z'))).toEqual({
      key: '2026-11-23',
      at: new Date('2026-11-23T06:00:00Z'),
    })
    // Thursday 05:59 UTC is 06:59 in Paris: Thursday's digest is not due yet.
    expect(latestSlot(sub, new Date('2026-11-26T05:59:00Z'))?.key).toBe('2026-11-23')
    expect(latestSlot(sub, new Date('2026-11-26T06:00:00Z'))?.key).toBe('2026-11-26')
  })

  it('places the hour on the local date across a DST change, and off never sends', async () => {
    // New York leaves DST on Sunday 2026-11-01: 08:00 local is 12:00 UTC before, 13:00 UTC after.
    const daily = { frequency: 'daily' as const, hour: 8, timezone: 'America/New_York' }
    expect(latestSlot(daily, new Date('2026-10-31T12:30:00Z'))?.at).toEqual(new Date('2026-10-31T12:00:00Z'))
    expect(latestSlot(daily, new Date('2026-11-01T13:30:00Z'))?.at).toEqual(new Date('2026-11-01T13:00:00Z'))
    expect(latestSlot({ ...daily, frequency: 'off' }, new Date())).toBeNull()
    const weekly = { frequency: 'weekly' as const, hour: 18, timezone: 'Asia/Kolkata' }
    expect(latestSlot(weekly, new Date('2026-11-29T00:00:00Z'))?.key).toBe('2026-11-23')
  })
})

describe('unsubscribe token', () => {
  it('verifies only for the reader and address it was made for', async () => {
    const t = unsubscribeToken(7, 'Reader@Example.com')
    expect(verifyUnsubscribeToken(7, 'reader@example.com', t)).toBe(true)
    expect(verifyUnsubscribeToken(8, 'reader@example.com', t)).toBe(false)
    expect(verifyUnsubscribeToken(7, 'other@example.com', t)).toBe(false)
    expect(verifyUnsubscribeToken(7, 'reader@example.com', `${t.slice(0, -1)}x`)).toBe(false)
    expect(verifyUnsubscribeToken(7, 'reader@example.com', '')).toBe(false)
  })
})

describe('digest selection', () => {
  const now = new Date('2026-11-23T08:00:00Z')
  const ids: Record<string, number> = {}
  let readerId: number
  let authorId: number

  const publish = async (
    key: string,
    categoryId: number,
    hoursAgo: number,
    extra: { tags?: string[]; featured?: boolean } = {},
  ) => {
    ids[key] = await publishArticle(
      authorId,
      new Date(now.getTime() - hoursAgo * 3_600_000),
      {
        title: `Story ${key}`,
        slug: `story-${key.toLowerCase()}`,
        standfirst: key === 'cityFeatured' ? 'The standfirst <b>stays</b> text.' : '',
        body: `<p>Council officials confirmed on Monday that story ${key} had been approved after months of debate.</p><p>Residents near the harbour welcomed the decision, saying buses had been unreliable for years.</p><p>Construction crews are expected to begin preparatory work before the end of January.</p>`,
        categoryId,
        tagNames: extra.tags ?? [],
        isFeatured: extra.featured ?? false,
      },
      now,
    )
  }

  beforeAll(async () => {
    await migrateDatabase(db)
    authorId = await addUser({ email: 'desk@example.com', name: 'Desk', role: 'editor' })
    readerId = await addUser({ email: 'follower@example.com', name: 'Fola Follower', role: 'reader' })
    const city = await addSection('City')
    const transport = await addSection('Transport', city)
    const sport = await addSection('Sport')
    const business = await addSection('Business')
    const weather = await addSection('Weather')
    await publish('cityOld', city, 30)
    await publish('cityNew', city, 2)
    await publish('cityFeatured', city, 20, { featured: true })
    await publish('cityDiscussed', city, 22)
    await publish('transport', transport, 3)
    await publish('sport', sport, 4)
    await publish('business', business, 5, { tags: ['Harbour', 'airport'] })
    await publish('businessUntagged', business, 5)
    await publish('weatherTagged', weather, 6, { tags: ['Harbour', 'zoning'] })
    await writer.insert(comments).values(
      [1, 2, 3].map((n) => ({
        articleId: ids.cityDiscussed!,
        authorName: `C${n}`,
        body: 'x',
        status: 'approved' as const,
      })),
    )

    await writer.update(articles).set({ viewCount: 50 }).where(eq(articles.id, ids.cityNew!))
    await saveDigestPreferences(readerId, {
      frequency: 'daily',
      hour: 7,
      timezone: 'UTC',
      sectionIds: [city, sport],
      tagIds: [],
    })
  })

  it('takes the window’s stories from followed sections and their subsections: featured, most read, most discussed, newest', async () => {
    const city = (await db.select().from(categories).where(eq(categories.name, 'City')).limit(1))[0]!.id
    const sport = (await db.select().from(categories).where(eq(categories.name, 'Sport')).limit(1))[0]!.id
    const stories = await listDigestStories(
      { sectionIds: [city, sport], tagIds: [] },
      { from: new Date(now.getTime() - 24 * 3_600_000), to: now },
    )
    expect(stories.map((s) => s.title)).toEqual([
      'Story cityFeatured',
      'Story cityNew',
      'Story cityDiscussed',
      'Story transport',
      'Story sport',
    ])
  })

  it('offers the tags in use in dictionary order, whatever their case', async () => {
    expect((await listDigestChoices()).tags.map((t) => t.name)).toEqual(['airport', 'Harbour', 'zoning'])
  })

  it('adds tag matches once, however many follows an article matches', async () => {
    const business = (await db.select().from(categories).where(eq(categories.name, 'Business')).limit(1))[0]!.id
    const [tagId] = await rows<{ id: number }>(sql`SELECT id FROM tags WHERE slug = 'harbour'`)
    const stories = await listDigestStories(
      { sectionIds: [business], tagIds: [tagId!.id] },
      { from: new Date(0), to: now },
    )
    const titles = stories.map((s) => s.title)
    expect(titles.filter((t) => t === 'Story business')).toHaveLength(1)
    expect(titles).toContain('Story weatherTagged')
    expect(titles).toContain('Story businessUntagged')
    expect(titles).not.toContain('Story sport')
  })

  it('composes a digest grouped under the reader’s sections, with key points, in HTML and text', async () => {
    const reader = {
      userId: readerId,
      email: 'follower@example.com',
      name: 'Fola <Follower>',
      frequency: 'daily' as const,
      hour: 7,
      timezone: 'UTC',
      coveredUntil: null,
    }
    const digest = (await composeDigest(reader, { from: new Date(now.getTime() - 24 * 3_600_000), to: now }, now))!
    const content = digest.content!
    expect(content.groups.map((g) => g.heading)).toEqual(['City', 'Sport'])
    // The Transport story sits under City, which the reader follows.
    expect(content.groups[0]!.stories.map((s) => s.title)).toContain('Story transport')
    expect(digest.articleIds).toHaveLength(5)
    const first = content.groups[0]!.stories[0]!
    expect(first.keyPoints.length).toBeGreaterThanOrEqual(3)
    expect(first.url).toMatch(/\/2026\/11\/22\/story-cityfeatured\/$/)
    const html = digestHtml(content)
    expect(html).toContain('Fola &lt;Follower&gt;')
    expect(html).toContain('The standfirst &lt;b&gt;stays&lt;/b&gt; text.')
    expect(html).toContain('color-scheme')
    expect(html).not.toMatch(/<script/i)
    const text = digestText(content)
    expect(text).toContain('CITY')
    expect(text).toContain(`Unsubscribe with one click: ${content.unsubscribeUrl}`)
    expect(text).toContain(first.keyPoints[0]!)
  })

  it('has nothing to send when nothing new was published', async () => {
    const reader = {
      userId: readerId,
      email: 'f@example.com',
      name: 'F',
      frequency: 'daily' as const,
      hour: 7,
      timezone: 'UTC',
      coveredUntil: now,
    }
    expect(await composeDigest(reader, { from: now, to: now }, now)).toEqual({ content: null, articleIds: [] })
  })
})
