import { beforeAll, describe, expect, it } from 'vitest'
import { authors, generateArticles, sections, siteSettings } from '@/services/seed/seed-content'
import { slugify } from '@/lib/slug'
import { sqlite as siteSqlite, db, engine } from '../client'
import { migrateDatabase } from '../migrate'
import * as articleQueries from './articles'
import * as categoryQueries from './categories'
import * as commentQueries from './comments'
import { searchArticles } from './search'

// Every listing query must reach articles and comments through an index: EXPLAIN QUERY PLAN may
// say SEARCH, or SCAN ... USING (COVERING) INDEX, but never a bare SCAN of either table.
// SQLite's planner only: the statements are watched on the better-sqlite3 connection and explained
// with SQLite's EXPLAIN QUERY PLAN, so on PostgreSQL the file is skipped.

// Undefined on PostgreSQL, where this file is skipped.
const sqlite = siteSqlite!
const now = new Date('2026-06-15T12:00:00Z')
const tz = 'Asia/Kolkata'

function fill(count: number) {
  const nowMs = now.getTime()
  const generated = generateArticles(count, now)
  const ins = {
    setting: sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)'),
    user: sqlite.prepare('INSERT INTO users (email, name, slug, role) VALUES (?, ?, ?, ?)'),
    category: sqlite.prepare('INSERT INTO categories (name, slug, position) VALUES (?, ?, ?)'),
    tag: sqlite.prepare('INSERT INTO tags (name, slug) VALUES (?, ?)'),
    article: sqlite.prepare(
      `INSERT INTO articles (slug, title, standfirst, body, body_text, status, published_at, author_id, category_id,
         is_breaking, is_featured, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    articleAuthor: sqlite.prepare('INSERT INTO article_authors (article_id, user_id, position) VALUES (?, ?, ?)'),
    articleTag: sqlite.prepare('INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)'),
    articleSection: sqlite.prepare('INSERT INTO article_sections (article_id, category_id) VALUES (?, ?)'),
    comment: sqlite.prepare(
      'INSERT INTO comments (article_id, parent_id, author_name, body, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  }
  sqlite.transaction(() => {
    for (const [key, value] of Object.entries(siteSettings)) ins.setting.run(key, JSON.stringify(value))
    const userIds = authors.map((a) => Number(ins.user.run(a.email, a.name, a.slug, a.role).lastInsertRowid))
    const categoryIds = new Map(
      sections.map((s, i) => [s.slug, Number(ins.category.run(s.name, s.slug, i).lastInsertRowid)]),
    )
    const tagIds = new Map<string, number>()
    generated.forEach((a, i) => {
      const status = i % 40 === 1 ? 'draft' : 'published'
      const at = a.publishedAt.getTime()
      const text = a.paragraphs.join('\n\n')
      const author = userIds[a.authorIndex % userIds.length]!
      const id = Number(
        ins.article.run(
          a.slug,
          a.title,
          a.standfirst,
          a.paragraphs.map((p) => `<p>${p}</p>`).join(''),
          text,
          status,
          status === 'published' ? at : null,
          author,
          categoryIds.get(a.section)!,
          a.isBreaking ? 1 : 0,
          a.isFeatured ? 1 : 0,
          at,
          at,
        ).lastInsertRowid,
      )
      ins.articleAuthor.run(id, author, 0)
      // One article in twelve is also listed in the next section.
      if (i % 12 === 0) {
        const sectionIds = [...categoryIds.values()]
        const primary = sectionIds.indexOf(categoryIds.get(a.section)!)
        ins.articleSection.run(id, sectionIds[(primary + 1) % sectionIds.length]!)
      }
      for (const name of a.tags) {
        let tagId = tagIds.get(name)
        if (tagId === undefined) tagIds.set(name, (tagId = Number(ins.tag.run(name, slugify(name)).lastInsertRowid)))
        ins.articleTag.run(id, tagId)
      }
      const ids: number[] = []
      for (const c of [...a.comments, ...a.comments]) {
        const parent = c.replyTo !== undefined ? (ids[c.replyTo] ?? null) : null
        ids.push(
          Number(
            ins.comment.run(id, parent, c.name, c.body, c.status, Math.min(at + c.minutesAfter * 60_000, nowMs))
              .lastInsertRowid,
          ),
        )
      }
    })
  })()
  sqlite.exec('ANALYZE')
}

type Captured = { sql: string; params: unknown[] }

/**
 * Runs `fn` and returns every statement it executed through the shared connection, with its
 * parameters. Statements are watched where they run, not where they are prepared: reader
 * queries are compiled once and reused.
 */
async function capture(fn: () => unknown): Promise<Captured[]> {
  const out: Captured[] = []
  const proto = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Record<string, unknown>
  const originals = new Map<string, unknown>()
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const original = proto[method] as (...a: unknown[]) => unknown
    originals.set(method, original)
    proto[method] = function (this: { source: string }, ...params: unknown[]) {
      out.push({ sql: this.source, params })
      return original.apply(this, params)
    }
  }
  try {
    await fn()
  } finally {
    for (const [method, original] of originals) proto[method] = original
  }
  return out
}

const watched = ['articles', 'comments']

/** Names under which `articles` and `comments` appear in a statement: their own, and any alias. */
function namesOf(sql: string) {
  const names = new Set(watched)
  const re = /\b(?:from|join)\s+"?(articles|comments)"?(?:\s+(?:as\s+)?"?([a-z_][a-z0-9_]*)"?)?/gi
  for (const m of sql.matchAll(re)) {
    const alias = m[2]?.toLowerCase()
    if (alias && !['where', 'on', 'left', 'inner', 'join', 'order', 'group', 'limit', 'cross', 'using'].includes(alias))
      names.add(alias)
  }
  return names
}

function plan({ sql, params }: Captured) {
  return sqlite
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => r.detail)
}

/** Plan lines that read a whole table without an index. */
function fullScans(c: Captured) {
  const names = namesOf(c.sql)
  return plan(c).filter((line) => {
    const m = /^SCAN (\S+)(.*)$/.exec(line)
    return m !== null && names.has(m[1]!.toLowerCase()) && !/USING (COVERING )?INDEX/.test(m[2]!)
  })
}

let sample: {
  article: NonNullable<Awaited<ReturnType<typeof articleQueries.getPublishedArticleBySlug>>>
  categoryId: number
  otherCategoryId: number
  tagId: number
  tagSlug: string
  authorId: number
}

beforeAll(async () => {
  if (engine === 'postgres') return
  await migrateDatabase(db)
  fill(3000)
  const [, second] = await articleQueries.listLatestArticles(2)
  const article = (await articleQueries.getPublishedArticleBySlug(second!.slug))!
  const [first, other] = await categoryQueries.listCategories()
  sample = {
    article,
    categoryId: first!.id,
    otherCategoryId: other!.id,
    tagId: article.tags[0]!.id,
    tagSlug: article.tags[0]!.slug,
    authorId: article.authors[0]!.id,
  }
})

const listings: [string, () => unknown][] = [
  ['listLatestArticles', () => articleQueries.listLatestArticles(12)],
  ['listLatestArticles with offset', () => articleQueries.listLatestArticles(10, 500)],
  ['listBreakingArticles', () => articleQueries.listBreakingArticles(6)],
  ['listFeaturedArticles', () => articleQueries.listFeaturedArticles(3)],
  ['listCategoryArticles', () => articleQueries.listCategoryArticles([sample.categoryId], 4)],
  [
    'listCategoryArticles, several sections',
    () => articleQueries.listCategoryArticles([sample.categoryId, sample.otherCategoryId], 4),
  ],
  ['pageCategoryArticles page 1', () => articleQueries.pageCategoryArticles([sample.categoryId], 1, 10)],
  ['pageCategoryArticles deep page', () => articleQueries.pageCategoryArticles([sample.categoryId], 30, 10)],
  ['pageTagArticles', () => articleQueries.pageTagArticles(sample.tagId, 2, 10)],
  ['pageAuthorArticles', () => articleQueries.pageAuthorArticles(sample.authorId, 2, 10)],
  [
    'pageArticlesBetween (month archive)',
    () => articleQueries.pageArticlesBetween(new Date('2025-06-01'), new Date('2025-07-01'), 1, 10),
  ],
  ['getPublishedArticleBySlug', () => articleQueries.getPublishedArticleBySlug(sample.article.slug)],
  ['getPublishedArticleDate', () => articleQueries.getPublishedArticleDate(sample.article.slug)],
  ['getAdjacentArticles', () => articleQueries.getAdjacentArticles(sample.article)],
  ['listRelatedInCategory', () => articleQueries.listRelatedInCategory(sample.article, 4)],
  [
    'listRelatedByTags',
    () =>
      articleQueries.listRelatedByTags(
        { id: sample.article.id, tagIds: sample.article.tags.map((t) => t.id) },
        [sample.article.id + 1],
        4,
      ),
  ],
  ['listArchiveMonths', () => articleQueries.listArchiveMonths(tz)],
  ['listArticleTagIds', () => articleQueries.listArticleTagIds(sample.article.id)],
  ['getTagBySlug', () => articleQueries.getTagBySlug(sample.tagSlug)],
  ['getAuthorBySlug', () => articleQueries.getAuthorBySlug('asha-menon')],
  ['listCategories', () => categoryQueries.listCategories()],
  ['listCategoriesWithCounts', () => categoryQueries.listCategoriesWithCounts()],
  ['getCategoryBySlug', () => categoryQueries.getCategoryBySlug('world')],
  ['categoryTreeIds', () => categoryQueries.categoryTreeIds(sample.categoryId)],
  ['listApprovedCommentTree', () => commentQueries.listApprovedCommentTree(sample.article.id)],
  ['listRecentComments', () => commentQueries.listRecentComments(5)],
  ['getArticleViewById', () => articleQueries.getArticleViewById(sample.article.id)],
  ['getShareArticle', () => articleQueries.getShareArticle(sample.article.id)],
  ['listCategoryTrail', () => categoryQueries.listCategoryTrail(sample.categoryId)],
  ['searchArticles', () => searchArticles('council budget', 1, 10)],
  ['searchArticles page 3', () => searchArticles('city', 3, 10)],
]

describe.skipIf(engine === 'postgres')('query plans of the reader listings', () => {
  it('covers every exported query of the listing modules', async () => {
    const exercised = listings.map(([name]) => name.split(' ')[0])
    const exported = [
      ...Object.keys(articleQueries),
      ...Object.keys(categoryQueries),
      ...Object.keys(commentQueries),
      'searchArticles',
    ].filter((name) => /^(list|page|get|search|categoryTreeIds)/.test(name))
    expect(exported.filter((name) => !exercised.includes(name))).toEqual([])
  })

  it('tells a full scan when it sees one', async () => {
    const scan = async (sql: string) => (await capture(() => sqlite.prepare(sql).all())).flatMap(fullScans)
    expect(await scan(`SELECT id FROM articles WHERE title = 'x'`)).toEqual(['SCAN articles'])
    expect(await scan(`SELECT c.id FROM comments c WHERE c.body = 'x'`)).toEqual(['SCAN c'])
    expect(await scan(`SELECT id FROM articles WHERE slug = 'x'`)).toEqual([])
  })

  it.each(listings)('%s reads articles and comments through indexes', async (_, fn) => {
    const statements = await capture(fn)
    expect(statements.length).toBeGreaterThan(0)
    const scans = statements
      .map((s) => ({ sql: s.sql, scans: fullScans(s), plan: plan(s) }))
      .filter((s) => s.scans.length > 0)
    expect(scans).toEqual([])
  })
})
