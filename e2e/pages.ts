import { articleUrl, testDb } from './db'

/** One URL of every reader page type, taken from the seeded database. */
export async function readerPages() {
  const db = testDb()
  const article = (await db.get<{ slug: string; publishedAt: number }>(
    "SELECT slug, published_at AS publishedAt FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1 OFFSET 3",
  ))!
  const alsoIn = (await db.get<{ slug: string; publishedAt: number }>(
    `SELECT a.slug, a.published_at AS publishedAt FROM articles a
     WHERE a.status = 'published' AND EXISTS (SELECT 1 FROM article_sections s WHERE s.article_id = a.id)
     ORDER BY a.published_at DESC LIMIT 1`,
  ))!
  const tag = (await db.get<{ slug: string }>(
    'SELECT t.slug FROM tags t JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1',
  ))!
  const author = (await db.get<{ slug: string }>(
    "SELECT slug FROM users WHERE role IN ('editor','author') AND slug IS NOT NULL LIMIT 1",
  ))!
  const url = articleUrl(article.slug, article.publishedAt)
  const [, year, month, day] = url.split('/')
  return {
    front: '/',
    article: url,
    // One listed in secondary sections too, which its header names.
    articleAlsoIn: articleUrl(alsoIn.slug, alsoIn.publishedAt),
    category: '/category/world/',
    categoryPage2: '/category/world/page/2/',
    tag: `/tag/${tag.slug}/`,
    author: `/author/${author.slug}/`,
    year: `/${year}/`,
    month: `/${year}/${month}/`,
    day: `/${year}/${month}/${day}/`,
    search: '/search/?q=market',
    page: '/about-us/',
    notFound: '/no-such-page-here/',
  }
}
