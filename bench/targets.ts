import Database from 'better-sqlite3'
import { datePartsIn } from '@/lib/time'
import { archivePath, articlePath } from '@/lib/urls'

/** The pages to load, picked from the database so they exist whatever its size. */
export function pickTargets(file: string) {
  const db = new Database(file, { readonly: true })
  const setting = (key: string) =>
    db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value
  const timeZone = JSON.parse(setting('timezone') ?? '"Asia/Kolkata"') as string
  const perPage = Number(JSON.parse(setting('postsPerPage') ?? '10'))
  const now = Date.now()
  const monthAgo = now - 30 * 86_400_000
  const article = db
    .prepare<[number], { id: number; slug: string; published_at: number; title: string; n: number }>(
      `SELECT a.id, a.slug, a.published_at, a.title,
         (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved') AS n
       FROM articles a WHERE a.status = 'published' AND a.published_at < ?
       ORDER BY a.published_at DESC LIMIT 200`,
    )
    .all(monthAgo)
    .find((a) => a.n >= 4 && a.n <= 8)!
  const newest = db
    .prepare<[], { id: number; title: string; updated_at: number }>(
      `SELECT id, title, updated_at FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1`,
    )
    .get()!
  const section = db
    .prepare<[], { slug: string; n: number }>(
      `SELECT c.slug, (SELECT count(*) FROM articles a WHERE a.category_id = c.id AND a.status = 'published') AS n
       FROM categories c WHERE c.slug = 'nation'`,
    )
    .get()!
  const tag = db
    .prepare<[], { slug: string; n: number }>(
      `SELECT t.slug, count(*) AS n FROM article_tags at JOIN tags t ON t.id = at.tag_id
       GROUP BY t.id ORDER BY n DESC LIMIT 1`,
    )
    .get()!
  const counts = db
    .prepare<[], { articles: number; comments: number }>(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM comments) AS comments`,
    )
    .get()!
  db.close()
  const yearAgo = datePartsIn(new Date(now - 365 * 86_400_000), timeZone)
  const sectionPages = Math.ceil(section.n / perPage)
  return {
    timeZone,
    counts,
    article: {
      id: article.id,
      path: articlePath({ slug: article.slug, publishedAt: new Date(article.published_at) }, timeZone),
      comments: article.n,
    },
    burstArticle: newest,
    section: { slug: section.slug, articles: section.n, pages: sectionPages },
    tag: { slug: tag.slug, articles: tag.n },
    month: archivePath(yearAgo.year, yearAgo.month),
  }
}
