import 'server-only'
import { sql } from 'drizzle-orm'
import { escapeHtml } from '@/lib/html'
import { db } from '../client'

const OPEN = '\u0001'
const CLOSE = '\u0002'

/**
 * Turns whatever a reader typed into a safe FTS5 query: every word becomes a quoted term, so
 * operators such as NEAR(, AND, * or a stray quote are searched as text and never parsed.
 * The last word also matches as a prefix, for searches typed before a word is finished.
 */
export function toFtsQuery(input: string) {
  const words =
    input
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 12) ?? []
  if (words.length === 0) return null
  return words.map((w, i) => `"${w}"${i === words.length - 1 && w.length > 2 ? '*' : ''}`).join(' ')
}

/** A search snippet with the matches in <mark>, everything else escaped. */
function markSnippet(raw: string) {
  return escapeHtml(raw).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>')
}

export function searchArticles(input: string, page: number, perPage: number) {
  const match = toFtsQuery(input)
  if (!match) return { items: [], total: 0, page, pageCount: 1 }
  const total =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid
      WHERE articles_fts MATCH ${match} AND a.status = 'published'`)?.n ?? 0
  const rows = db.all<{
    id: number
    slug: string
    title: string
    published_at: number
    snippet: string
    category_name: string | null
    category_slug: string | null
  }>(sql`
    SELECT a.id, a.slug, a.title, a.published_at,
      snippet(articles_fts, -1, ${OPEN}, ${CLOSE}, '…', 24) AS snippet,
      c.name AS category_name, c.slug AS category_slug
    FROM articles_fts f
    JOIN articles a ON a.id = f.rowid
    LEFT JOIN categories c ON c.id = a.category_id
    WHERE articles_fts MATCH ${match} AND a.status = 'published'
    ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0), a.published_at DESC
    LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`)
  return {
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      publishedAt: new Date(r.published_at),
      snippetHtml: markSnippet(r.snippet),
      category: r.category_name && r.category_slug ? { name: r.category_name, slug: r.category_slug } : null,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
  }
}
