import { Feed, type Item } from 'feed'
import { escapeHtml } from './html'

export type FeedFormat = 'rss' | 'atom' | 'json'

export const feedFormats: FeedFormat[] = ['rss', 'atom', 'json']

export const feedContentTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

/** What a feed describes: the site, a section, a tag or an author. Every URL is absolute. */
export type FeedChannel = {
  title: string
  description: string
  /** The page the feed mirrors. */
  link: string
  /** The site's address without a trailing slash: item ids and relative URLs in bodies hang off it. */
  siteUrl: string
  feedUrls: Record<FeedFormat, string>
  /** BCP 47, e.g. en-IN. */
  language: string
  /** Who publishes it: Atom needs an author for the feed when an entry has none. */
  publisher: string
  copyright?: string
  image?: string
}

export type FeedEntry = {
  id: number
  url: string
  title: string
  standfirst: string
  /** Sanitized HTML; root-relative URLs in it are made absolute. */
  bodyHtml: string
  publishedAt: Date
  updatedAt: Date
  section: { name: string; url: string } | null
  /** Sections the article is also listed in, after `section` among the item's categories. */
  secondarySections?: { name: string; url: string }[]
  tags: { name: string; url: string }[]
  authors: { name: string; url: string | null }[]
  image: { url: string; type: string; bytes: number; width: number; height: number; alt: string } | null
}

// Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/F), plus our placeholders below.
const notXml =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uE000-\uE002]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Text with the characters XML cannot carry removed. */
export function xmlSafe(text: string) {
  return text.replace(notXml, '')
}

// The feed package (through xml-js) turns '&amp;' in text back into '&', escapes only '"' (and
// sometimes '&') in attribute values, and splits only the first ']]>' of a CDATA section. Private-use
// placeholders stand in for those until the document is written, then become the right escapes.
const AMP = '\uE000'
const LT = '\uE001'
const CDATA_END = '\uE002'
/** For element text and attribute values. */
const esc = (s: string) => xmlSafe(s).replaceAll('&', AMP).replaceAll('<', LT)
/** For CDATA sections. */
const cdata = (s: string) => xmlSafe(s).replaceAll(']]>', CDATA_END)
const restore = (xml: string) =>
  xml.replaceAll(AMP, '&amp;').replaceAll(LT, '&lt;').replaceAll(CDATA_END, ']]]]><![CDATA[>')

/** Root-relative src, href and srcset URLs made absolute, so feed readers can load images and follow links. */
export function absolutizeUrls(html: string, siteUrl: string) {
  const abs = (u: string) => (u.startsWith('/') && !u.startsWith('//') ? siteUrl + u : u)
  return html
    .replace(/(\s(?:href|src|poster|cite)=")([^"]*)"/g, (_, before: string, url: string) => `${before}${abs(url)}"`)
    .replace(
      /(\ssrcset=")([^"]*)"/g,
      (_, before: string, set: string) =>
        `${before}${set
          .split(',')
          .map((c) => abs(c.trim()))
          .join(', ')}"`,
    )
}

/** The permanent id of an article in feeds: WordPress's form, which never changes with the slug or the date. */
export const articleGuid = (siteUrl: string, id: number) => `${siteUrl}/?p=${id}`

const latest = (e: FeedEntry) => (e.updatedAt > e.publishedAt ? e.updatedAt : e.publishedAt)

/** The newest change among the entries, or the epoch for an empty feed. */
export function feedUpdated(entries: FeedEntry[]) {
  return entries.reduce((max, e) => (latest(e) > max ? latest(e) : max), new Date(0))
}

/** Builds an RSS 2.0, Atom 1.0 or JSON Feed 1.1 document. Pure: the same input gives the same bytes. */
export function buildFeed(format: FeedFormat, channel: FeedChannel, entries: FeedEntry[]): string {
  const text = format === 'json' ? xmlSafe : esc
  const feed = new Feed({
    id: `${channel.siteUrl}/`,
    title: text(channel.title),
    description: text(channel.description),
    link: channel.link,
    language: channel.language,
    copyright: channel.copyright ? text(channel.copyright) : undefined,
    image: channel.image,
    author: { name: text(channel.publisher), link: `${channel.siteUrl}/` },
    updated: feedUpdated(entries),
    generator: 'Gazette',
    feedLinks: { ...channel.feedUrls },
    feed: channel.feedUrls[format],
  })
  for (const e of entries) feed.addItem(feedItem(format, channel, e))
  if (format === 'json') return jsonFeed11(feed.json1(), channel, entries)
  const xml = restore(format === 'rss' ? feed.rss2() : feed.atom1())
  return format === 'rss' ? withRssNamespaces(xml) : xml
}

function feedItem(format: FeedFormat, channel: FeedChannel, e: FeedEntry): Item {
  const body = absolutizeUrls(e.bodyHtml, channel.siteUrl) || `<p>${escapeHtml(e.standfirst)}</p>`
  const terms = [...(e.section ? [e.section] : []), ...(e.secondarySections ?? []), ...e.tags]
  const common = { id: articleGuid(channel.siteUrl, e.id), link: e.url, date: latest(e), published: e.publishedAt }
  const image = e.image

  if (format === 'json')
    return {
      ...common,
      title: xmlSafe(e.title),
      description: xmlSafe(e.standfirst),
      content: xmlSafe(body),
      category: terms.map((t) => ({ name: xmlSafe(t.name) })),
      image: image?.url,
    }
  const authors = e.authors.map((a) => ({ name: esc(a.name), link: a.url ?? undefined }))
  if (format === 'atom')
    return {
      ...common,
      // Atom titles and summaries are written as type="html": plain text is escaped once.
      title: cdata(escapeHtml(e.title)),
      description: cdata(escapeHtml(e.standfirst)),
      content: cdata(body),
      author: authors,
      category: terms.map((t) => ({ term: esc(t.name), scheme: t.url })),
      enclosure: image ? { url: image.url, length: image.bytes } : undefined,
    }
  return {
    ...common,
    title: cdata(e.title),
    // RSS readers render the description as HTML; the standfirst is plain text.
    description: cdata(escapeHtml(e.standfirst)),
    content: cdata(body),
    category: terms.map((t) => ({ name: esc(t.name), domain: esc(t.url) })),
    enclosure: image ? { url: image.url, type: esc(image.type), length: image.bytes } : undefined,
    // <author> in RSS 2.0 must be an e-mail address; dc:creator carries names.
    extensions: [
      // An array is written as repeated elements, one dc:creator per byline.
      ...(authors.length
        ? [
            {
              name: 'dc:creator',
              objects: authors.map((a) => ({ _text: a.name })) as unknown as Record<string, unknown>,
            },
          ]
        : []),
      ...(image
        ? [
            {
              name: 'media:content',
              objects: {
                _attributes: {
                  url: esc(image.url),
                  medium: 'image',
                  type: esc(image.type),
                  width: image.width,
                  height: image.height,
                  fileSize: image.bytes,
                },
                ...(image.alt
                  ? { 'media:description': { _attributes: { type: 'plain' }, _text: esc(image.alt) } }
                  : {}),
              },
            },
          ]
        : []),
    ],
  }
}

function withRssNamespaces(xml: string) {
  const namespaces = {
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xmlns:media': 'http://search.yahoo.com/mrss/',
  }
  return xml.replace(/<rss\b[^>]*>/, (open) => {
    const missing = Object.entries(namespaces).filter(([name]) => !open.includes(`${name}=`))
    return open.replace(/>$/, missing.map(([name, uri]) => ` ${name}="${uri}"`).join('') + '>')
  })
}

// The feed package writes JSON Feed 1.0; 1.1 adds `authors` and `language` and deprecates `author`.
function jsonFeed11(json: string, channel: FeedChannel, entries: FeedEntry[]) {
  const doc = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] }
  doc.version = 'https://jsonfeed.org/version/1.1'
  doc.language = channel.language
  delete doc.author
  doc.authors = [{ name: xmlSafe(channel.publisher), url: `${channel.siteUrl}/` }]
  doc.items.forEach((item, i) => {
    const e = entries[i]!
    delete item.author
    item.authors = e.authors.map((a) => (a.url ? { name: xmlSafe(a.name), url: a.url } : { name: xmlSafe(a.name) }))
  })
  return JSON.stringify(doc, null, 2)
}
