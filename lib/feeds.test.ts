import fs from 'node:fs'
import path from 'node:path'
import { XMLValidator } from 'fast-xml-parser'
import Parser from 'rss-parser'
import { describe, expect, it } from 'vitest'
import { xmlErrors } from '@/e2e/xmllint'
import { absolutizeUrls, buildFeed, type FeedChannel, type FeedEntry, feedFormats, xmlSafe } from './feeds'
import { breadcrumbLd, collectionPageLd, type LdPublisher, newsArticleLd, serializeJsonLd, websiteLd } from './json-ld'

const site = 'https://news.example.com'

const channel: FeedChannel = {
  title: 'The Example Gazette',
  description: 'News from the valley',
  link: `${site}/`,
  siteUrl: site,
  feedUrls: { rss: `${site}/feed/`, atom: `${site}/feed/atom/`, json: `${site}/feed/json/` },
  language: 'en-IN',
  publisher: 'The Example Gazette',
  copyright: '© 2026 The Example Gazette',
  image: `${site}/og/logo.png`,
}

function entry(overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    id: 42,
    url: `${site}/2026/05/01/harbour-reopens/`,
    title: 'Harbour reopens after storm',
    standfirst: 'Boats are back & the market is busy.',
    bodyHtml:
      '<p>First <a href="/tag/storms/">storms</a> paragraph.</p><figure><img src="/uploads/2026/05/h-800.webp" srcset="/uploads/2026/05/h-480.webp 480w, /uploads/2026/05/h-800.webp 800w" alt="Boats"></figure>',
    publishedAt: new Date('2026-05-01T06:30:00Z'),
    updatedAt: new Date('2026-05-01T09:00:00Z'),
    section: { name: 'Business', url: `${site}/category/business/` },
    tags: [{ name: 'Storms', url: `${site}/tag/storms/` }],
    authors: [
      { name: 'Asha Menon', url: `${site}/author/asha-menon/` },
      { name: 'Ravi Rao', url: null },
    ],
    image: {
      url: `${site}/uploads/2026/05/h-1600.webp`,
      type: 'image/webp',
      bytes: 12345,
      width: 1600,
      height: 900,
      alt: 'Boats in the harbour',
    },
    ...overrides,
  }
}

const parser = new Parser()

/** rss-parser gives a category with a domain attribute as { _: text, $: attributes }. */
const categoryNames = (categories: unknown[] | undefined) =>
  (categories ?? []).map((c) => (typeof c === 'string' ? c : (c as { _: string })._))

describe('feeds', () => {
  it('writes RSS 2.0 that a feed parser reads back field by field', async () => {
    const xml = buildFeed('rss', channel, [entry()])
    expect(xmlErrors(xml)).toBe('')
    const feed = await parser.parseString(xml)
    expect(feed.title).toBe(channel.title)
    expect(feed.link).toBe(channel.link)
    const item = feed.items[0]!
    expect(item.title).toBe('Harbour reopens after storm')
    expect(item.link).toBe(entry().url)
    expect(item.guid).toBe(`${site}/?p=42`)
    expect(item.isoDate).toBe('2026-05-01T06:30:00.000Z')
    expect(item.creator).toBe('Asha Menon')
    expect(categoryNames(item.categories)).toEqual(['Business', 'Storms'])
    expect(item.content).toBe('Boats are back &amp; the market is busy.')
    expect(item['content:encoded']).toContain(`<img src="${site}/uploads/2026/05/h-800.webp"`)
    expect(item.enclosure).toEqual({ url: entry().image!.url, type: 'image/webp', length: '12345' })
    expect(xml).toContain('<dc:creator>Ravi Rao</dc:creator>')
    expect(xml).toContain('<media:content url="https://news.example.com/uploads/2026/05/h-1600.webp" medium="image"')
    expect(xml).toContain('<atom:link href="https://news.example.com/feed/" rel="self"')
  })

  it('writes Atom 1.0 with ids, both dates, authors, categories and the enclosure', async () => {
    const xml = buildFeed('atom', channel, [entry()])
    expect(xmlErrors(xml)).toBe('')
    const feed = await parser.parseString(xml)
    const item = feed.items[0]!
    expect(item.id).toBe(`${site}/?p=42`)
    expect(item.link).toBe(entry().url)
    expect(item.title).toBe('Harbour reopens after storm')
    expect(item.pubDate).toBe('2026-05-01T06:30:00.000Z')
    expect(item.author).toBe('Asha Menon')
    expect(xml).toContain('<published>2026-05-01T06:30:00.000Z</published>')
    expect(xml).toContain('<updated>2026-05-01T09:00:00.000Z</updated>')
    expect(xml).toContain('<uri>https://news.example.com/author/asha-menon/</uri>')
    expect(xml).toContain('term="Storms"')
    expect(xml).toContain(
      'rel="enclosure" href="https://news.example.com/uploads/2026/05/h-1600.webp" type="image/webp"',
    )
    expect(xml).toContain('<summary type="html"><![CDATA[Boats are back &amp; the market is busy.]]></summary>')
    expect(xml).toContain('<link rel="self" href="https://news.example.com/feed/atom/"/>')
  })

  it('writes JSON Feed 1.1', () => {
    const doc = JSON.parse(buildFeed('json', channel, [entry()]))
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1')
    expect(doc.feed_url).toBe(channel.feedUrls.json)
    expect(doc.home_page_url).toBe(channel.link)
    expect(doc.language).toBe('en-IN')
    const item = doc.items[0]
    expect(item).toMatchObject({
      id: `${site}/?p=42`,
      url: entry().url,
      title: 'Harbour reopens after storm',
      summary: 'Boats are back & the market is busy.',
      image: entry().image!.url,
      date_published: '2026-05-01T06:30:00.000Z',
      date_modified: '2026-05-01T09:00:00.000Z',
      tags: ['Business', 'Storms'],
      authors: [{ name: 'Asha Menon', url: `${site}/author/asha-menon/` }, { name: 'Ravi Rao' }],
    })
    expect(item.author).toBeUndefined()
    expect(item.content_html).toContain(`href="${site}/tag/storms/"`)
  })

  it('keeps an item id that neither the slug nor the date changes', () => {
    const before = buildFeed('rss', channel, [entry()])
    const after = buildFeed('rss', channel, [entry({ url: `${site}/2026/06/02/renamed/`, title: 'Renamed' })])
    const guid = (xml: string) => /<guid isPermaLink="false">([^<]+)<\/guid>/.exec(xml)?.[1]
    expect(guid(before)).toBe(`${site}/?p=42`)
    expect(guid(after)).toBe(guid(before))
  })

  it('makes root-relative URLs absolute and leaves others alone', () => {
    expect(
      absolutizeUrls(
        '<a href="/x/">a</a><a href="//cdn.example/y">b</a><a href="https://o.example/">c</a><img src="/u/a.webp" srcset="/u/a.webp 480w, https://o.example/b.webp 800w">',
        site,
      ),
    ).toBe(
      `<a href="${site}/x/">a</a><a href="//cdn.example/y">b</a><a href="https://o.example/">c</a><img src="${site}/u/a.webp" srcset="${site}/u/a.webp 480w, https://o.example/b.webp 800w">`,
    )
  })

  it('answers an empty section with a valid empty feed', async () => {
    for (const format of feedFormats) {
      const out = buildFeed(format, channel, [])
      if (format === 'json') expect(JSON.parse(out).items).toEqual([])
      else {
        expect(xmlErrors(out)).toBe('')
        expect((await parser.parseString(out)).items).toEqual([])
      }
    }
  })
})

// Our own vectors aimed at XML and <script>; the shared corpus adds its own when it is present.
const ownVectors = [
  '<script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '</SCRIPT ><img src=x onerror=alert(1)>',
  ']]><script>alert(1)</script><![CDATA[',
  'a ]]> b ]]> c ]]>',
  '<![CDATA[ x ]]>',
  '&lt;b&gt; &amp; &#x3C; &unknown; & &&',
  '"\'<>&',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  'bell \u0007 null \u0000 vt \u000B ff \u000C',
  'lone \uD800 surrogate \uDC00 and \uFFFE\uFFFF',
  'private \uE000 use \uE001',
  'line\u2028separator\u2029paragraph',
  '<!-- comment --> --> <!--',
  '🙂 مرحبا 日本語',
]

function vectors() {
  const file = path.resolve(process.cwd(), '..', 'shared', 'testdata', 'security', 'xss.txt')
  if (!fs.existsSync(file)) {
    console.log('shared/testdata/security/xss.txt not found: using the built-in vectors only')
    return ownVectors
  }
  return [...ownVectors, ...fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)]
}

const notXmlChar =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function hostileEntry(v: string, id: number): FeedEntry {
  return entry({
    id,
    title: v,
    standfirst: v,
    bodyHtml: `<p>${v}</p>${v}`,
    section: { name: v, url: `${site}/category/x/` },
    tags: [{ name: v, url: `${site}/tag/y/` }],
    authors: [{ name: v, url: `${site}/author/z/` }],
    image: { ...entry().image!, alt: v },
  })
}

const hostileChannel = (v: string): FeedChannel => ({
  ...channel,
  title: v,
  description: v,
  publisher: v,
  copyright: v,
})

const publisher = (v: string): LdPublisher => ({
  name: v,
  url: `${site}/`,
  logo: { url: `${site}/og/logo.png`, width: 512, height: 512 },
  sameAs: [],
})

describe('hostile text in every field', () => {
  const all = vectors()

  it('still gives well-formed RSS and Atom that parse back to the same text, and valid JSON Feed', async () => {
    for (const [i, v] of all.entries()) {
      const clean = xmlSafe(v)
      const rss = buildFeed('rss', hostileChannel(v), [hostileEntry(v, i + 1)])
      const atom = buildFeed('atom', hostileChannel(v), [hostileEntry(v, i + 1)])
      for (const xml of [rss, atom]) {
        expect(XMLValidator.validate(xml), v).toBe(true)
        expect(notXmlChar.test(xml), v).toBe(false)
      }
      const parsedRss = await parser.parseString(rss)
      expect(parsedRss.items[0]!.title, v).toBe(clean)
      expect(categoryNames(parsedRss.items[0]!.categories), v).toEqual([clean, clean])
      expect(parsedRss.items[0]!['content:encoded'], v).toContain(clean.trim())
      const parsedAtom = await parser.parseString(atom)
      expect(parsedAtom.items).toHaveLength(1)
      const json = JSON.parse(buildFeed('json', hostileChannel(v), [hostileEntry(v, i + 1)]))
      expect(json.items[0].title, v).toBe(clean)
      expect(json.items[0].authors[0].name, v).toBe(clean)
    }
  })

  it('passes libxml2 with every vector in one feed', () => {
    const entries = all.map((v, i) => hostileEntry(v, i + 1))
    for (const format of ['rss', 'atom'] as const) {
      expect(xmlErrors(buildFeed(format, hostileChannel(all.join(' ')), entries)), format).toBe('')
    }
  })

  it('cannot close the JSON-LD script element, and round-trips', () => {
    for (const v of all) {
      const docs = [
        newsArticleLd(
          {
            url: `${site}/a/`,
            headline: v,
            description: v,
            images: [`${site}/og/article/1.png`],
            datePublished: new Date('2026-05-01T06:30:00Z'),
            dateModified: new Date('2026-05-01T09:00:00Z'),
            authors: [{ name: v, url: `${site}/author/z/` }],
            section: v,
            keywords: [v, v],
            language: 'en-IN',
          },
          publisher(v),
        ),
        breadcrumbLd([
          { name: v, url: `${site}/` },
          { name: v, url: `${site}/a/` },
        ]),
        websiteLd({ name: v, url: `${site}/`, description: v, language: 'en-IN' }, publisher(v)),
        collectionPageLd({
          name: v,
          url: `${site}/tag/y/`,
          description: v,
          siteUrl: `${site}/`,
          items: [`${site}/a/`],
        }),
      ]
      for (const doc of docs) {
        const out = serializeJsonLd(doc)
        expect(out, v).not.toMatch(/<\/script/i)
        expect(out, v).not.toMatch(/[<>]|<!--/)
        expect(JSON.parse(out), v).toEqual(doc)
      }
    }
  })
})

describe('NewsArticle JSON-LD', () => {
  it('has the properties search engines require and recommend', () => {
    const ld = newsArticleLd(
      {
        url: `${site}/2026/05/01/harbour-reopens/`,
        headline: 'Harbour reopens',
        description: 'Boats are back.',
        images: [`${site}/uploads/h-1600.webp`, `${site}/og/article/42.png`],
        datePublished: new Date('2026-05-01T06:30:00Z'),
        dateModified: new Date('2026-05-01T09:00:00Z'),
        authors: [
          { name: 'Asha Menon', url: `${site}/author/asha-menon/` },
          { name: 'Guest', url: null },
        ],
        section: 'Business',
        keywords: ['Storms', 'Ports'],
        language: 'en-IN',
      },
      publisher('The Example Gazette'),
    )
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Harbour reopens',
      image: [`${site}/uploads/h-1600.webp`, `${site}/og/article/42.png`],
      datePublished: '2026-05-01T06:30:00.000Z',
      dateModified: '2026-05-01T09:00:00.000Z',
      author: [
        { '@type': 'Person', name: 'Asha Menon', url: `${site}/author/asha-menon/` },
        { '@type': 'Person', name: 'Guest' },
      ],
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'The Example Gazette',
        logo: { '@type': 'ImageObject', url: `${site}/og/logo.png`, width: 512, height: 512 },
      },
      articleSection: 'Business',
      keywords: ['Storms', 'Ports'],
      isAccessibleForFree: true,
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${site}/2026/05/01/harbour-reopens/` },
    })
  })

  it('offers the site search to search engines on the front page', () => {
    const ld = websiteLd({ name: 'G', url: `${site}/`, description: '', language: 'en' }, publisher('G'))
    const website = ld['@graph'][0] as { potentialAction: { target: { urlTemplate: string }; 'query-input': string } }
    expect(website.potentialAction.target.urlTemplate).toBe(`${site}/search/?q={search_term_string}`)
    expect(website.potentialAction['query-input']).toBe('required name=search_term_string')
  })
})
