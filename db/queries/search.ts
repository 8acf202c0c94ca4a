import 'server-only'
import { sql } from 'drizzle-orm'
import { escapeHtml } from '@/lib/html'
import { db, engine } from '../client'
import { inJsonIds, rows } from '../dialect'

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

const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

/**
 * About `size` words of `text` around the first stretch that matches, the matches in <mark> and
 * everything else escaped. Words match by prefix, the way the index's stemmer mostly does
 * ("council" marks "councils"); the ranking itself is FTS5's.
 */
export function searchSnippet(text: string, query: string, size = 24) {
  // The same words the index was asked for (toFtsQuery keeps twelve).
  const terms = (query.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12).map(fold)
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((w) => {
    const folded = fold(w[0])
    return { text: w[0], at: w.index, hit: terms.some((t) => folded.startsWith(t)) }
  })
  const first = Math.max(
    0,
    words.findIndex((w) => w.hit),
  )
  const from = Math.max(0, Math.min(first - 4, words.length - size))
  const to = Math.min(words.length, from + size)
  let html = from > 0 ? '…' : ''
  let at = words[from]?.at ?? 0
  for (const w of words.slice(from, to)) {
    html += escapeHtml(text.slice(at, w.at))
    html += w.hit ? `<mark>${escapeHtml(w.text)}</mark>` : escapeHtml(w.text)
    at = w.at + w.text.length
  }
  return html + (to < words.length ? '…' : escapeHtml(text.slice(at)))
}

export async function searchArticles(input: string, page: number, perPage: number) {
  const match = toFtsQuery(input)
  if (!match) return { items: [], total: 0, page, pageCount: 1 }
  const { total, ranked } = await (engine === 'postgres' ? rankPostgres : rankSqlite)(match, page, perPage)
  const found = await rows<{
    id: number
    slug: string
    title: string
    published_at: number | string
    standfirst: string
    body_text: string
    category_name: string | null
    category_slug: string | null
  }>(sql`
    SELECT a.id, a.slug, a.title, a.published_at, a.standfirst, a.body_text,
      c.name AS category_name, c.slug AS category_slug
    FROM articles a
    LEFT JOIN categories c ON c.id = a.category_id
    WHERE ${inJsonIds(sql`a.id`, sql`${JSON.stringify(ranked)}`)} AND a.status = 'published'`)
  const byId = new Map(found.map((r) => [r.id, r]))
  const ordered = ranked.flatMap((id) => byId.get(id) ?? [])
  return {
    items: ordered.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      publishedAt: new Date(Number(r.published_at)),
      snippetHtml: searchSnippet(`${r.standfirst} ${r.body_text}`, input),
      category: r.category_name && r.category_slug ? { name: r.category_name, slug: r.category_slug } : null,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
  }
}

type Ranking = { total: number; ranked: number[] }

/**
 * The index holds published articles only (drizzle/0009), so the count and the ranking never read
 * an article row; only the page's own rows are read, and their snippets are made here because
 * FTS5's snippet() would match the query again for each of them.
 */
async function rankSqlite(match: string, page: number, perPage: number): Promise<Ranking> {
  const total =
    (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ${match}`))?.n ?? 0
  const ranked = await db.all<{ id: number }>(sql`
    SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ${match}
    ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0), rowid DESC
    LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`)
  return { total, ranked: ranked.map((r) => r.id) }
}

/**
 * The same words as a tsquery: every word required, the last also as a prefix. The words are
 * letters and digits only (toFtsQuery), so nothing in them is a tsquery operator. The weighted
 * `search_vector` and its GIN index over published articles come from drizzle/postgres.
 */
async function rankPostgres(match: string, page: number, perPage: number): Promise<Ranking> {
  const words = [...match.matchAll(/"([^"]+)"(\*?)/g)].map(([, word, prefix]) => (prefix ? `${word}:*` : word))
  const query = sql`to_tsquery('english', ${words.join(' & ')})`
  const [count] = await rows<{ n: number }>(
    sql`SELECT count(*)::integer AS n FROM articles WHERE status = 'published' AND search_vector @@ ${query}`,
  )
  const ranked = await rows<{ id: number }>(sql`
    SELECT id FROM articles WHERE status = 'published' AND search_vector @@ ${query}
    ORDER BY ts_rank(search_vector, ${query}) DESC, id DESC
    LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`)
  return { total: count?.n ?? 0, ranked: ranked.map((r) => r.id) }
}
