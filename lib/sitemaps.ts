import { xmlSafe } from './feeds'
import { pad2 } from './time'

export type SitemapUrl = { loc: string; lastmod?: Date | null }
export type NewsSitemapUrl = { loc: string; title: string; publishedAt: Date }

/** URLs per child sitemap; the protocol allows 50 000, smaller files are cheaper to rebuild. */
export const urlsPerSitemap = 10_000

const ns = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9'

export function escapeXml(text: string) {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** W3C datetime, to the second, in UTC. */
export const w3cDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

const lastmod = (d?: Date | null) => (d && d.getTime() > 0 ? `<lastmod>${w3cDate(d)}</lastmod>` : '')

export function urlsetXml(urls: SitemapUrl[]) {
  const body = urls.map((u) => `<url><loc>${escapeXml(u.loc)}</loc>${lastmod(u.lastmod)}</url>`).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${ns}">\n${body}\n</urlset>\n`
}

export function sitemapIndexXml(sitemaps: SitemapUrl[]) {
  const body = sitemaps.map((s) => `<sitemap><loc>${escapeXml(s.loc)}</loc>${lastmod(s.lastmod)}</sitemap>`).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${ns}">\n${body}\n</sitemapindex>\n`
}

/** Google News: ISO 639 codes, except Chinese, which names its script (zh-cn, zh-tw). */
export function newsLanguage(locale: string) {
  const [lang = 'en', region = ''] = locale.toLowerCase().split(/[-_]/)
  if (lang === 'zh') return ['tw', 'hk', 'mo', 'hant'].includes(region) ? 'zh-tw' : 'zh-cn'
  return lang
}

export function newsSitemapXml(publication: { name: string; language: string }, urls: NewsSitemapUrl[]) {
  const pub = `<news:publication><news:name>${escapeXml(publication.name)}</news:name><news:language>${escapeXml(publication.language)}</news:language></news:publication>`
  const body = urls
    .map(
      (u) =>
        `<url><loc>${escapeXml(u.loc)}</loc><news:news>${pub}<news:publication_date>${w3cDate(u.publishedAt)}</news:publication_date><news:title>${escapeXml(u.title)}</news:title></news:news></url>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${ns}" xmlns:news="${newsNs}">\n${body}\n</urlset>\n`
}

export type SitemapFile =
  | { kind: 'articles'; year: number; month: number; page: number }
  | { kind: 'sections' | 'tags' | 'authors' | 'pages'; page: number }

/** The name of a child sitemap under /sitemaps/, e.g. articles-2026-05.xml or tags-p2.xml. */
export function sitemapFileName(file: SitemapFile) {
  const stem = file.kind === 'articles' ? `articles-${file.year}-${pad2(file.month)}` : file.kind
  return `${stem}${file.page > 1 ? `-p${file.page}` : ''}.xml`
}

export function parseSitemapFileName(name: string): SitemapFile | undefined {
  const m = /^(?:articles-(\d{4})-(0[1-9]|1[0-2])|(sections|tags|authors|pages))(?:-p([2-9]|[1-9]\d{1,4}))?\.xml$/.exec(
    name,
  )
  if (!m) return undefined
  const page = m[4] ? Number(m[4]) : 1
  if (m[1]) return { kind: 'articles', year: Number(m[1]), month: Number(m[2]), page }
  return { kind: m[3] as 'sections' | 'tags' | 'authors' | 'pages', page }
}

export function robotsTxt(siteUrl: string) {
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /account/',
    'Disallow: /api/',
    'Disallow: /search/',
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    `Sitemap: ${siteUrl}/news-sitemap.xml`,
    '',
  ].join('\n')
}
