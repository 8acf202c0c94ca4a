// No 'server-only': the HTTP server consults this before answering 404.
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { parseSiteSettings } from '@/lib/settings'
import { authorPath, archivePath, articlePath, categoryPath, pagePath, searchPath, tagPath } from '@/lib/urls'
import { db } from '../client'
import { rows } from '../dialect'
import { articles, categories, pages, redirects, settings, users, wordpressImports } from '../schema'

async function lookup(fromPath: string) {
  const [row] = await db
    .select({ toPath: redirects.toPath, statusCode: redirects.statusCode })
    .from(redirects)
    .where(eq(redirects.fromPath, fromPath))
  return row
}

function normalize(path: string) {
  try {
    return encodeURI(decodeURI(path))
  } catch {
    return path
  }
}

/** The same path with its trailing slash toggled; undefined for `/` and for files (`x.png`). */
function otherSlashForm(path: string) {
  if (path.endsWith('/')) return path.length > 1 ? path.slice(0, -1) : undefined
  return /\.[A-Za-z0-9]{1,8}$/.test(path) ? undefined : `${path}/`
}

/**
 * Where a moved URL lives now (old article slugs and dates, imported permalinks). Imported paths
 * also answer in their other percent-encoding, with or without their trailing slash (WordPress
 * permalink structures may have none, Gazette's URLs all do), with WordPress's feed suffixes (a
 * post's comment feed leads to the post) and, for uploaded files, with the size suffix of a
 * thumbnail. A redirect back to the path asked for is never returned.
 */
export async function findRedirect(fromPath: string) {
  const exact = await lookup(fromPath)
  if (exact && exact.toPath !== fromPath) return exact
  const path = normalize(fromPath)
  const candidates = [path]
  const feed = /^(\/.+?\/)(?:comments\/)?feed(?:\/(?:rss2?|rdf|atom))?\/?$/.exec(path)
  if (feed) candidates.push(feed[1]!)
  if (path.startsWith('/wp-content/uploads/')) candidates.push(path.replace(/-\d+x\d+(?=\.\w+$)/, ''))
  for (const candidate of [...candidates]) {
    const other = otherSlashForm(candidate)
    if (other) candidates.push(other)
  }
  const asked = new Set([fromPath, path, otherSlashForm(path)])
  for (const candidate of candidates) {
    const found = candidate === fromPath ? undefined : await lookup(candidate)
    if (found && !asked.has(found.toPath)) return found
  }
  return undefined
}

async function imported(kind: (typeof wordpressImports.$inferSelect)['kind'], wpKey: string, sources?: string[]) {
  const key = and(eq(wordpressImports.kind, kind), eq(wordpressImports.wpKey, wpKey))
  const [row] = await db
    .select({ targetId: wordpressImports.targetId, url: wordpressImports.url })
    .from(wordpressImports)
    .where(sources ? and(key, inArray(wordpressImports.source, sources)) : key)
    .orderBy(desc(wordpressImports.createdAt))
    .limit(1)
  return row
}

/**
 * The imported sites (`host` or `host/subfolder`). A loose index scan over the primary key: a few
 * index seeks per site, however many rows each import wrote.
 */
async function importSources() {
  const found = await rows<{ source: string }>(
    sql`WITH RECURSIVE s(source) AS (
        SELECT min(source) FROM wordpress_imports
        UNION ALL
        SELECT (SELECT min(source) FROM wordpress_imports WHERE source > s.source) FROM s WHERE s.source IS NOT NULL
      ) SELECT source FROM s WHERE source IS NOT NULL`,
  )
  return found.map((r) => r.source)
}

async function publishedArticlePath(id: number) {
  const [row] = await db
    .select({ slug: articles.slug, publishedAt: articles.publishedAt, status: articles.status })
    .from(articles)
    .where(eq(articles.id, id))
  if (!row || row.status !== 'published') return undefined
  // Not through db/queries/settings.ts: that one is request-scoped (React's cache) and server-only.
  const timezone = parseSiteSettings(
    await db.select({ key: settings.key, value: settings.value }).from(settings),
  ).timezone
  return articlePath(row, timezone)
}

async function publishedPagePath(id: number) {
  const [row] = await db.select({ slug: pages.slug, status: pages.status }).from(pages).where(eq(pages.id, id))
  return row?.status === 'published' ? pagePath(row.slug) : undefined
}

const number = (s: string | null) => (s && /^\d{1,12}$/.test(s) ? s : undefined)

/**
 * WordPress's query-string URLs (`/?p=`, `?page_id=`, `?attachment_id=`, `?cat=`, `?tag=`,
 * `?author=`, `?m=`, `?s=`, `?feed=`) on the front page, or under the subfolder an imported site
 * was installed in (`/blog/?p=`), answered with where that content lives now; null when the URL
 * names a post, page, attachment, category or author that is not here (a 404, as on WordPress);
 * undefined when it is not such a URL.
 * `?p=<n>` on the front page is Gazette's article n first (its feeds use that URL as the item id,
 * and an imported post keeps its WordPress id when it was free), then an imported post, page or
 * attachment whose WordPress id was n.
 */
export async function findQueryRedirect(url: string): Promise<string | null | undefined> {
  const { pathname, searchParams: q } = new URL(url, 'http://x')
  const folder = pathname.replace(/\/$/, '')
  const sources = folder
    ? (await importSources()).filter((s) => s.includes('/') && s.slice(s.indexOf('/')) === folder)
    : undefined
  if (sources?.length === 0) return undefined
  const p = number(q.get('p')) ?? number(q.get('page_id')) ?? number(q.get('attachment_id'))
  if (p) {
    const own = q.has('p') && !sources ? await publishedArticlePath(Number(p)) : undefined
    if (own) return own
    const post = (await imported('post', p, sources))?.targetId
    if (post) return (await publishedArticlePath(post)) ?? null
    const page = (await imported('page', p, sources))?.targetId
    if (page) return (await publishedPagePath(page)) ?? null
    const file = await imported('attachment', p, sources)
    return (file?.url && (await findRedirect(new URL(file.url).pathname))?.toPath) || null
  }
  const cat = number(q.get('cat'))
  if (cat) {
    const id = (await imported('category', cat, sources))?.targetId
    const row = id
      ? (await db.select({ slug: categories.slug }).from(categories).where(eq(categories.id, id)))[0]
      : undefined
    return row ? categoryPath(row.slug) : null
  }
  const tag = q.get('tag')
  if (tag && /^[^\s/?#]{1,200}$/.test(tag))
    return (await findRedirect(tagPath(encodeURIComponent(tag))))?.toPath ?? tagPath(encodeURIComponent(tag))
  const author = number(q.get('author'))
  if (author) {
    const id = (await imported('author', author, sources))?.targetId
    const row = id ? (await db.select({ slug: users.slug }).from(users).where(eq(users.id, id)))[0] : undefined
    return row?.slug ? authorPath(row.slug) : null
  }
  const m = /^(\d{4})(\d{2})?(\d{2})?$/.exec(q.get('m') ?? '')
  if (m) return archivePath(Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined)
  const s = q.get('s')
  if (s !== null) return searchPath(s.slice(0, 200))
  const feed = q.get('feed')
  if (feed) return feed === 'atom' ? '/feed/atom/' : '/feed/'
  return undefined
}
