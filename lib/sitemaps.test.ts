import { describe, expect, it } from 'vitest'
import { sitemapErrors } from '@/e2e/xmllint'
import {
  newsLanguage,
  newsSitemapXml,
  parseSitemapFileName,
  robotsTxt,
  sitemapFileName,
  sitemapIndexXml,
  urlsetXml,
} from './sitemaps'

const site = 'https://news.example.com'
const hostile = '</loc><script>alert(1)</script> & ]]> "\' \u0001'

describe('sitemaps', () => {
  it('writes a urlset and an index that the sitemap schema accepts', () => {
    const urls = [
      { loc: `${site}/2026/05/01/harbour-reopens/`, lastmod: new Date('2026-05-01T09:00:00.123Z') },
      { loc: `${site}/tag/a&b/?x=<1>` },
    ]
    const set = urlsetXml(urls)
    expect(sitemapErrors(set)).toBe('')
    expect(set).toContain('<lastmod>2026-05-01T09:00:00Z</lastmod>')
    expect(set).toContain('<loc>https://news.example.com/tag/a&amp;b/?x=&lt;1&gt;</loc>')
    expect(sitemapErrors(urlsetXml([]))).toBe('')
    const index = sitemapIndexXml([{ loc: `${site}/sitemaps/articles-2026-05.xml`, lastmod: new Date() }])
    expect(sitemapErrors(index)).toBe('')
  })

  it('writes a Google News sitemap that its schema accepts, whatever the title', () => {
    const xml = newsSitemapXml({ name: hostile, language: 'en' }, [
      { loc: `${site}/2026/05/01/a/`, title: hostile, publishedAt: new Date('2026-05-01T06:30:00Z') },
      { loc: `${site}/2026/05/01/b/`, title: 'Plain', publishedAt: new Date('2026-05-01T07:30:00Z') },
    ])
    expect(sitemapErrors(xml)).toBe('')
    expect(xml).toContain('<news:publication_date>2026-05-01T06:30:00Z</news:publication_date>')
    expect(xml).not.toContain('<script>')
  })

  it('rejects what the schema forbids, so the checks above mean something', () => {
    expect(sitemapErrors(urlsetXml([{ loc: 'not a url' }]))).not.toBe('')
    expect(
      sitemapErrors(
        newsSitemapXml({ name: 'G', language: 'English' }, [
          { loc: `${site}/a/`, title: 'T', publishedAt: new Date() },
        ]),
      ),
    ).not.toBe('')
  })

  it('names child sitemaps and reads the names back', () => {
    const files = [
      { kind: 'articles' as const, year: 2026, month: 5, page: 1 },
      { kind: 'articles' as const, year: 2026, month: 11, page: 3 },
      { kind: 'tags' as const, page: 1 },
      { kind: 'authors' as const, page: 2 },
    ]
    expect(files.map(sitemapFileName)).toEqual([
      'articles-2026-05.xml',
      'articles-2026-11-p3.xml',
      'tags.xml',
      'authors-p2.xml',
    ])
    for (const f of files) expect(parseSitemapFileName(sitemapFileName(f))).toEqual(f)
    for (const bad of ['articles-2026-13.xml', 'tags-p1.xml', 'tags-p0.xml', 'users.xml', 'tags.xml.gz', '../x.xml'])
      expect(parseSitemapFileName(bad), bad).toBeUndefined()
  })

  it('gives Google News the language codes it knows', () => {
    expect(newsLanguage('en-IN')).toBe('en')
    expect(newsLanguage('hi')).toBe('hi')
    expect(newsLanguage('zh-TW')).toBe('zh-tw')
    expect(newsLanguage('zh-Hans-CN')).toBe('zh-cn')
  })

  it('keeps the back office, accounts and search results out of robots.txt and names the sitemaps', () => {
    const robots = robotsTxt(site)
    for (const line of [
      'Disallow: /admin/',
      'Disallow: /account/',
      'Disallow: /search/',
      `Sitemap: ${site}/sitemap.xml`,
      `Sitemap: ${site}/news-sitemap.xml`,
    ])
      expect(robots.split('\n')).toContain(line)
  })
})
