import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateArticles, opening, sections } from './seed-content'
import { seedImageSvg } from './seed-images'

const articles = generateArticles(324, new Date('2026-06-15T12:00:00Z'))
const minor = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'is', 'it'])

describe('demo headlines', () => {
  it('are the same on every run', () => {
    expect(generateArticles(324, new Date('2026-06-15T12:00:00Z')).map((a) => a.title)).toEqual(
      articles.map((a) => a.title),
    )
  })

  it('keep their words however many stories are recent, and only the recent ones move', () => {
    const now = new Date('2026-06-15T12:00:00Z')
    const fresher = generateArticles(324, now, { recent: 7 })
    expect(fresher.map((a) => [a.title, a.section, a.imageIndex])).toEqual(
      articles.map((a) => [a.title, a.section, a.imageIndex]),
    )
    const hoursOld = (a: { publishedAt: Date }) => (now.getTime() - a.publishedAt.getTime()) / 3_600_000
    expect(fresher.slice(0, 7).every((a) => hoursOld(a) < 5)).toBe(true)
    expect(hoursOld(articles[6]!)).toBeGreaterThan(24)
    expect(fresher.slice(7).map((a) => a.publishedAt)).toEqual(articles.slice(7).map((a) => a.publishedAt))
  })

  it('start with a capital and capitalise every word but the short ones', () => {
    for (const { title } of articles) {
      expect(title, title).toMatch(/^['"]?[\p{Lu}\d₹]/u)
      for (const word of title.split(/\s+/).slice(1)) {
        const bare = word.replace(/^['"(]+/, '')
        if (!bare || minor.has(bare) || /^[\d₹]/.test(bare)) continue
        expect(bare[0], `${word} in ${title}`).toMatch(/\p{Lu}/u)
      }
      expect(title).not.toMatch(/\bof (?!the\b)\p{Ll}/u)
    }
  })

  it('never open with the same four words twice', () => {
    const openings = articles.map((a) => opening(a.title))
    expect(new Set(openings).size).toBe(openings.length)
    expect(new Set(articles.map((a) => a.slug)).size).toBe(articles.length)
  })
})

describe('demo illustrations', () => {
  it('differ from one article to the next, within and across sections', () => {
    const hashes = articles
      .slice(0, 120)
      .map((a) => createHash('sha256').update(seedImageSvg(a.imageIndex, a.section).svg).digest('hex'))
    expect(new Set(hashes).size).toBe(hashes.length)
  })

  it('draw each section from more than one kind of scene', () => {
    for (const { slug } of sections) {
      const alts = new Set(Array.from({ length: 20 }, (_, i) => seedImageSvg(i, slug).alt.split(' at ')[0]))
      expect(alts.size, slug).toBeGreaterThan(2)
    }
  })
})
