import { expect, test } from '@playwright/test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { articleUrl, testDb } from '../db'
import { actionForm, actionId, corpus, watchForInjectedCode, xssFallback } from './corpus'
import { roleCookies } from './support'

const chunkSize = 8
const full = !!process.env.SECURITY_FULL

/** Pages must show payloads as text: no dialog, no injected handler, nothing for the policy to block. */
test('every XSS vector through article fields, tags, search and feeds stays inert', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(full ? 600_000 : 300_000)
  const payloads = corpus('xss.txt', xssFallback)
  const { admin: cookie } = await roleCookies(browser)
  const id = actionId('saveArticleAction')
  const origin = new URL(test.info().project.use.baseURL!).origin
  const slugs: string[] = []
  for (let start = 0; start < payloads.length; start += chunkSize) {
    const chunk = payloads.slice(start, start + chunkSize)
    const slug = `xss-probe-${start}`
    const response = await request.post('/admin/articles/new/', {
      headers: { cookie: cookie!, 'Next-Action': id, Origin: origin },
      multipart: actionForm({
        intent: 'publish',
        title: `Probe ${start} ${chunk[0]}`.slice(0, 200),
        slug,
        standfirst: chunk.join(' ').slice(0, 400),
        body: chunk.map((p) => `<p>${p}</p>${p}`).join('\n'),
        categoryId: '',
        tags: [`probe ${start}`, ...chunk.map((p) => p.replace(/,/g, ' ').slice(0, 60))].join(', ').slice(0, 1000),
        featuredImageId: '',
        imageAlt: '',
        imageCaption: '',
        imageCredit: '',
        sourceUrl: '',
        sourceName: chunk[1]?.slice(0, 120) ?? '',
        seoTitle: chunk[2]?.slice(0, 200) ?? '',
        seoDescription: chunk[3]?.slice(0, 320) ?? '',
      }),
      maxRedirects: 0,
    })
    expect(response.headers()['x-action-redirect'], `saved probe ${start}: ${await response.text()}`).toMatch(
      /saved=published/,
    )
    slugs.push(slug)
  }
  const db = testDb()
  const articles: { id: number; publishedAt: number }[] = []
  for (const slug of slugs)
    articles.push(
      (await db.get<{ id: number; publishedAt: number }>(
        'SELECT id, published_at AS publishedAt FROM articles WHERE slug = ?',
        slug,
      ))!,
    )
  const tagSlugs = await db.values<string>("SELECT slug FROM tags WHERE slug LIKE 'probe-%'")

  const fired = await watchForInjectedCode(page)
  const visits = [
    ...slugs.map((slug, i) => articleUrl(slug, articles[i]!.publishedAt)),
    ...tagSlugs.slice(0, 5).map((t) => `/tag/${t}/`),
    '/',
    `/admin/articles/${articles[0]!.id}/preview/`,
    // Reflected through search: every vector in the full run (SECURITY_FULL=1, npm run test:security),
    // every fourth inside npm test, where each search page costs a full render.
    ...payloads.filter((_, i) => full || i % 4 === 0).map((p) => `/search/?q=${encodeURIComponent(p)}`),
  ]
  await page.context().addCookies([]) // signed out: what readers see
  for (const path of visits) {
    const response = await page.goto(path, { waitUntil: 'load' })
    expect(response?.status() ?? 0, path).toBeLessThan(500)
  }
  // The back office shows the same fields to staff.
  await page.goto('/admin/login/')
  await page.getByLabel('Email').fill('admin@example.com')
  await page.getByLabel('Password').fill('e2e-admin-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/admin\/$/)
  for (const a of articles.slice(0, 6)) await page.goto(`/admin/articles/${a.id}/`)
  await page.goto('/admin/articles/')
  await page.goto('/admin/tags/')
  expect(fired).toEqual([])

  // Feeds: well-formed XML. Titles and categories are plain text (escaped by the XML); the HTML
  // fields must carry no script, handler or javascript: frame.
  const hostileHtml = /<script|<[^>]+\son[a-z]+\s*=|<iframe[^>]+javascript:/i
  const parser = new XMLParser({ ignoreAttributes: false })
  const asList = <T>(v: T | T[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
  for (const path of ['/feed/', ...tagSlugs.slice(0, 3).map((t) => `/tag/${t}/feed/`)]) {
    const xml = await (await request.get(path)).text()
    expect(XMLValidator.validate(xml), path).toBe(true)
    const items = asList(parser.parse(xml).rss.channel.item) as Record<string, string>[]
    expect(items.length, path).toBeGreaterThan(0)
    for (const item of items) expect(String(item['content:encoded'] ?? ''), path).not.toMatch(hostileHtml)
  }
  const atom = await (await request.get('/feed/atom/')).text()
  expect(XMLValidator.validate(atom)).toBe(true)
  for (const entry of asList(parser.parse(atom).feed.entry) as { content?: { '#text'?: string } | string }[]) {
    const content = typeof entry.content === 'string' ? entry.content : (entry.content?.['#text'] ?? '')
    expect(content, '/feed/atom/').not.toMatch(hostileHtml)
  }
  const json = (await (await request.get('/feed/json/')).json()) as { items: { content_html?: string }[] }
  for (const item of json.items) expect(item.content_html ?? '', '/feed/json/').not.toMatch(hostileHtml)
})
