import 'server-only'
import { getContentVersion } from '@/db/queries/content-version'
import { getSiteSettings } from '@/db/queries/settings'
import {
  getLatestArticleChange,
  listNewsArticles,
  listSitemapArticles,
  listSitemapAuthors,
  listSitemapMonths,
  listSitemapPages,
  listSitemapSections,
  listSitemapTags,
} from '@/db/queries/sitemaps'
import { documentResponse } from '@/lib/http-cache'
import {
  newsLanguage,
  newsSitemapXml,
  parseSitemapFileName,
  robotsTxt,
  type SitemapFile,
  sitemapFileName,
  sitemapIndexXml,
  type SitemapUrl,
  urlsetXml,
  urlsPerSitemap,
} from '@/lib/sitemaps'
import { localRange } from '@/lib/time'
import { absoluteUrl, articlePath, authorPath, categoryPath, pagePath, tagPath } from '@/lib/urls'

const xml = 'application/xml; charset=utf-8'
const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
const newest = (urls: SitemapUrl[]) =>
  urls.reduce<Date | null>((max, u) => (u.lastmod && (!max || u.lastmod > max) ? u.lastmod : max), null)
const pageCount = (n: number) => Math.ceil(n / urlsPerSitemap)

type Child = { file: SitemapFile; lastmod: Date | null; urls: () => Promise<SitemapUrl[]> | SitemapUrl[] }

/** Every child sitemap of the index, each able to list its URLs. */
async function children(): Promise<Child[]> {
  const { timezone } = await getSiteSettings()
  const out: Child[] = []
  for (const m of await listSitemapMonths(timezone)) {
    for (let page = 1; page <= pageCount(m.count); page++)
      out.push({
        file: { kind: 'articles', year: m.year, month: m.month, page },
        lastmod: m.lastmod,
        urls: () => monthUrls({ kind: 'articles', year: m.year, month: m.month, page }),
      })
  }
  const paged = (kind: 'sections' | 'tags' | 'authors' | 'pages', all: SitemapUrl[]) => {
    for (let page = 1; page <= pageCount(all.length); page++) {
      const urls = all.slice((page - 1) * urlsPerSitemap, page * urlsPerSitemap)
      out.push({ file: { kind, page }, lastmod: newest(urls), urls: () => urls })
    }
  }
  paged(
    'sections',
    (await listSitemapSections()).map((s) => ({ loc: absoluteUrl(categoryPath(s.slug)), lastmod: s.lastmod })),
  )
  paged(
    'tags',
    (await listSitemapTags()).map((t) => ({ loc: absoluteUrl(tagPath(t.slug)), lastmod: t.lastmod })),
  )
  paged(
    'authors',
    (await listSitemapAuthors()).map((a) => ({ loc: absoluteUrl(authorPath(a.slug)), lastmod: a.lastmod })),
  )
  paged('pages', [
    { loc: absoluteUrl('/'), lastmod: await getLatestArticleChange() },
    ...(await listSitemapPages()).map((p) => ({ loc: absoluteUrl(pagePath(p.slug)), lastmod: p.updatedAt })),
  ])
  return out
}

const lastModified = (d: Date | null) => d ?? new Date(0)

export async function sitemapIndexResponse(request: Request) {
  return documentResponse(request, {
    version: String(await getContentVersion()),
    contentType: xml,
    maxAge: 900,
    build: async () => {
      const maps = (await children()).map((c) => ({
        loc: absoluteUrl(`/sitemaps/${sitemapFileName(c.file)}`),
        lastmod: c.lastmod,
      }))
      return { body: sitemapIndexXml(maps), lastModified: lastModified(newest(maps)) }
    },
  })
}

export async function sitemapFileResponse(request: Request, name: string) {
  const file = parseSitemapFileName(name)
  if (!file) return notFound()
  return documentResponse(request, {
    version: String(await getContentVersion()),
    contentType: xml,
    maxAge: 900,
    build: async () => {
      const urls =
        file.kind === 'articles'
          ? await monthUrls(file)
          : await (await children()).find((c) => sameFile(c.file, file))?.urls()
      if (!urls?.length) return null
      return { body: urlsetXml(urls), lastModified: lastModified(newest(urls)) }
    },
  })
}

const sameFile = (a: SitemapFile, b: SitemapFile) => sitemapFileName(a) === sitemapFileName(b)

/** One month's articles, without listing every other child. */
async function monthUrls(file: Extract<SitemapFile, { kind: 'articles' }>) {
  const { timezone } = await getSiteSettings()
  const { start, end } = localRange(timezone, file.year, file.month)
  const articles = await listSitemapArticles(start, end, (file.page - 1) * urlsPerSitemap, urlsPerSitemap)
  return articles.map((a) => ({
    loc: absoluteUrl(articlePath(a, timezone)),
    lastmod: a.lastmod,
  }))
}

/** Google News: what was published in the last 48 hours. */
export async function newsSitemapResponse(request: Request) {
  const now = Date.now()
  return documentResponse(request, {
    // Articles leave it as they age, so it is rebuilt each minute as well as on every change.
    version: `${await getContentVersion()}:${Math.floor(now / 60_000)}`,
    contentType: xml,
    maxAge: 300,
    build: async () => {
      const site = await getSiteSettings()
      const articles = await listNewsArticles(new Date(now - 48 * 3_600_000))
      const body = newsSitemapXml(
        { name: site.name, language: newsLanguage(site.locale) },
        articles.map((a) => ({
          loc: absoluteUrl(articlePath(a, site.timezone)),
          title: a.title,
          publishedAt: a.publishedAt,
        })),
      )
      return { body, lastModified: articles[0]?.publishedAt ?? new Date(0) }
    },
  })
}

const started = new Date()

export function robotsResponse(request: Request) {
  return documentResponse(request, {
    version: 'static',
    contentType: 'text/plain; charset=utf-8',
    maxAge: 3600,
    build: () => ({ body: robotsTxt(absoluteUrl('')), lastModified: started }),
  })
}
