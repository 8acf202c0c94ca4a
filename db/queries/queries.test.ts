import { and, eq, inArray, ne, or } from 'drizzle-orm'
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { localRange } from '@/lib/time'
import { db, writerConnection } from '../client'
import { migrateDatabase } from '../migrate'
import { articleAuthors, articleTags, articles, comments } from '../schema'
import { firstRow } from '../test-fixtures'
import { seedDatabase } from '@/services/seed/seed'
import {
  getAdjacentArticles,
  getPublishedArticleBySlug,
  listArchiveMonths,
  listLatestArticles,
  listRelatedByTags,
  pageArticlesBetween,
  pageAuthorArticles,
  pageCategoryArticles,
} from './articles'
import { getCategoryBySlug, listCategoriesWithCounts } from './categories'
import { listApprovedCommentTree, listRecentComments } from './comments'
import { searchArticles, searchSnippet, toFtsQuery } from './search'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

const tz = 'Asia/Kolkata'

beforeAll(async () => {
  await migrateDatabase(db)
  await seedDatabase({
    articles: 80,
    images: 3,
    now: new Date('2026-06-15T12:00:00Z'),
    adminPassword: 'unit-test-password',
  })
})

describe('published listings', () => {
  it('returns only published articles, newest first', async () => {
    const latest = await listLatestArticles(50)
    expect(latest).toHaveLength(50)
    const statuses = (await db.select({ status: articles.status }).from(articles)).map((r) => r.status)
    expect(statuses.filter((s) => s !== 'published').length).toBeGreaterThan(0)
    for (let i = 1; i < latest.length; i++) expect(latest[i - 1]!.publishedAt >= latest[i]!.publishedAt).toBe(true)
    const draft = await firstRow(
      db.select({ slug: articles.slug }).from(articles).where(ne(articles.status, 'published')).limit(1),
    )
    expect(await getPublishedArticleBySlug(draft.slug)).toBeUndefined()
    expect(latest.some((a) => a.slug === draft.slug)).toBe(false)
  })

  it('pages a section without gaps or repeats', async () => {
    const section = (await listCategoriesWithCounts()).find((c) => c.count > 6)!
    const ids: number[] = []
    const first = await pageCategoryArticles([section.id], 1, 3)
    expect(first.total).toBe(section.count)
    for (let p = 1; p <= first.pageCount; p++)
      ids.push(...(await pageCategoryArticles([section.id], p, 3)).items.map((a) => a.id))
    expect(ids).toHaveLength(section.count)
    expect(new Set(ids).size).toBe(section.count)
    expect(await getCategoryBySlug('no-such-section')).toBeUndefined()
  })

  it("pages an author's own articles and co-bylines on others', each once", async () => {
    const coBylines = await db
      .select({ userId: articleAuthors.userId })
      .from(articleAuthors)
      .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
      .where(and(ne(articles.authorId, articleAuthors.userId), eq(articles.status, 'published')))
    const userId = coBylines[0]!.userId
    const expected = await db
      .select({ id: articles.id })
      .from(articles)
      .where(
        and(
          eq(articles.status, 'published'),
          or(
            eq(articles.authorId, userId),
            inArray(
              articles.id,
              db.select({ id: articleAuthors.articleId }).from(articleAuthors).where(eq(articleAuthors.userId, userId)),
            ),
          ),
        ),
      )
    const first = await pageAuthorArticles(userId, 1, 3)
    expect(first.total).toBe(expected.length)
    const ids: number[] = []
    for (let p = 1; p <= first.pageCount; p++)
      ids.push(...(await pageAuthorArticles(userId, p, 3)).items.map((a) => a.id))
    expect(ids.sort((a, b) => a - b)).toEqual(expected.map((r) => r.id).sort((a, b) => a - b))
  })

  it('counts archive months in the site timezone and finds the same articles by range', async () => {
    const months = await listArchiveMonths(tz)
    expect(months.length).toBeGreaterThan(6)
    const total = months.reduce((n, m) => n + m.count, 0)
    expect(total).toBe((await listLatestArticles(1000)).length)
    const m = months[1]!
    const { start, end } = localRange(tz, m.year, m.month)
    expect((await pageArticlesBetween(start, end, 1, 500)).total).toBe(m.count)
  })
})

describe('an article', () => {
  it('has tags, bylines, neighbours and related posts', async () => {
    const [newest, second] = await listLatestArticles(2)
    const article = (await getPublishedArticleBySlug(second!.slug))!
    expect(article.tags.length).toBeGreaterThanOrEqual(3)
    expect(article.authors.length).toBeGreaterThanOrEqual(1)
    const { previous, next } = await getAdjacentArticles(article)
    expect(next?.id).toBe(newest!.id)
    expect(previous).not.toBeNull()
    const related = await listRelatedByTags({ id: article.id, tagIds: article.tags.map((t) => t.id) }, [], 4)
    expect(related.length).toBeGreaterThan(0)
    expect(related.some((r) => r.id === article.id)).toBe(false)
  })

  it('relates the published stories sharing the most tags, newest first, past a desk of tagged drafts', async () => {
    const [, second] = await listLatestArticles(2)
    const article = (await getPublishedArticleBySlug(second!.slug))!
    const tagIds = article.tags.map((t) => t.id)
    // Newer than every story, with every one of the article's tags: the first candidates of each tag.
    const drafts = await writer
      .insert(articles)
      .values(
        Array.from({ length: 45 }, (_, k) => ({
          slug: `related-draft-${k}`,
          title: `Draft ${k}`,
          authorId: article.authors[0]!.id,
          status: 'draft' as const,
        })),
      )
      .returning({ id: articles.id })
    await writer.insert(articleTags).values(drafts.flatMap((d) => tagIds.map((tagId) => ({ articleId: d.id, tagId }))))
    try {
      const tagged = await db
        .select({
          id: articleTags.articleId,
          tagId: articleTags.tagId,
          status: articles.status,
          at: articles.publishedAt,
        })
        .from(articleTags)
        .innerJoin(articles, eq(articles.id, articleTags.articleId))
        .where(inArray(articleTags.tagId, tagIds))
      const shared = new Map<number, { n: number; at: number }>()
      for (const row of tagged)
        if (row.status === 'published' && row.id !== article.id)
          shared.set(row.id, { n: (shared.get(row.id)?.n ?? 0) + 1, at: row.at!.getTime() })
      const expected = [...shared]
        .sort(([, a], [, b]) => b.n - a.n || b.at - a.at)
        .slice(0, 4)
        .map(([id]) => id)
      expect(expected).toHaveLength(4)
      const related = await listRelatedByTags({ id: article.id, tagIds }, [], 4)
      expect(related.map((r) => r.id)).toEqual(expected)
    } finally {
      await writer.delete(articles).where(
        inArray(
          articles.id,
          drafts.map((d) => d.id),
        ),
      )
    }
  })
})

describe('comments', () => {
  it('shows approved comments only, threaded, and never held spam', async () => {
    const held = await db.select().from(comments).where(ne(comments.status, 'approved'))
    expect(held.length).toBeGreaterThan(0)
    const recent = await listRecentComments(50)
    expect(
      recent.some((c) => held.some((h) => h.authorName === c.authorName && h.status !== 'approved' && c.id === h.id)),
    ).toBe(false)
    const withReplies = await db
      .select({ articleId: comments.articleId })
      .from(comments)
      .where(and(eq(comments.status, 'approved')))
      .orderBy(comments.id)
    const tree = await listApprovedCommentTree(withReplies[0]!.articleId)
    expect(tree.count).toBeGreaterThan(0)
    const flat = (nodes: typeof tree.roots): number[] => nodes.flatMap((n) => [n.id, ...flat(n.replies)])
    for (const id of flat(tree.roots)) expect(held.some((h) => h.id === id)).toBe(false)
  })
})

describe('search', () => {
  it('ranks matches and highlights them', async () => {
    const target = (await listLatestArticles(10))[3]!
    const word = target.title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length > 6)!
    const result = await searchArticles(word, 1, 10)
    expect(result.total).toBeGreaterThan(0)
    expect(result.items.some((r) => r.snippetHtml.includes('<mark>'))).toBe(true)
  })

  it('finds an article only while it is published, title edits included', async () => {
    const target = (await listLatestArticles(10))[5]!
    const marker = 'Zyxquorblat'
    const found = async () => (await searchArticles(marker, 1, 10)).items.map((r) => r.id)
    await writer
      .update(articles)
      .set({ title: `${target.title} ${marker}` })
      .where(eq(articles.id, target.id))
    expect(await found()).toEqual([target.id])
    await writer.update(articles).set({ status: 'draft' }).where(eq(articles.id, target.id))
    expect(await found()).toEqual([])
    expect((await searchArticles(marker, 1, 10)).total).toBe(0)
    await writer.update(articles).set({ status: 'published' }).where(eq(articles.id, target.id))
    expect(await found()).toEqual([target.id])
    await writer.update(articles).set({ title: target.title }).where(eq(articles.id, target.id))
    expect(await found()).toEqual([])
  })

  it('makes snippets around the first match, escaped, with prefix matches marked', async () => {
    const text = `${'word '.repeat(30)}The Council's <b>budget</b> for councils. ${'tail '.repeat(30)}`
    const html = searchSnippet(text, 'council budg', 12)
    expect(html).toBe(
      '…word word word The <mark>Council</mark>&#39;s &lt;b&gt;<mark>budget</mark>&lt;/b&gt; for <mark>councils</mark>. tail…',
    )
    expect(searchSnippet('Short text.', 'absent')).toBe('Short text.')
  })

  it('treats FTS syntax and markup as plain words', async () => {
    for (const q of [
      '"',
      'NEAR(',
      'a OR',
      '*',
      'title:x',
      '(((',
      'AND AND',
      "'; DROP TABLE articles; --",
      '<script>alert(1)</script>',
      '\u0000',
      '🙂',
    ]) {
      const result = await searchArticles(q, 1, 10)
      expect(result.items.every((r) => !r.snippetHtml.includes('<script'))).toBe(true)
    }
    expect(toFtsQuery('   ')).toBeNull()
    expect(toFtsQuery('NEAR(a b')).toBe('"NEAR" "a" "b"')
  })

  it('answers every line of the hostile-input corpora with results or none, on either engine', async () => {
    const dir = path.resolve(process.cwd(), '..', 'shared', 'testdata', 'security')
    const lines = ['sqli.txt', 'xss.txt', 'unicode.txt', 'path-traversal.txt'].flatMap((name) =>
      fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8').split('\n') : [],
    )
    // tsquery's own operators and a prefix on every word, beside the corpora (when present).
    lines.push('a & b', 'a | b', '!a', 'a <-> b', 'a:*', "'a' & 'b'", 'x'.repeat(3000), 'the and of')
    for (const q of lines.filter(Boolean)) {
      const result = await searchArticles(q, 1, 10)
      expect(result.total, q).toBeGreaterThanOrEqual(0)
      expect(
        result.items.every((r) => !r.snippetHtml.includes('<script')),
        q,
      ).toBe(true)
    }
  })
})
