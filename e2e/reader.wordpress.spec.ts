import { expect, test } from '@playwright/test'
import { articleUrl, testDb } from './db'

const publishedArticle = async () =>
  (await testDb().get<{ id: number; slug: string; publishedAt: number }>(
    "SELECT id, slug, published_at AS publishedAt FROM articles WHERE status = 'published' LIMIT 1",
  ))!

test("Gazette's own feed ids (/?p=<id>) and WordPress query URLs redirect permanently", async ({ request }) => {
  const a = await publishedArticle()
  const moved = await request.get(`/?p=${a.id}`, { maxRedirects: 0 })
  expect(moved.status()).toBe(301)
  expect(moved.headers().location).toBe(articleUrl(a.slug, a.publishedAt))
  expect((await request.get(`/?p=${a.id}`)).status()).toBe(200)
  const search = await request.get('/?s=harbour', { maxRedirects: 0 })
  expect(search.headers().location).toBe('/search/?q=harbour')
  expect((await request.get('/?feed=rss2', { maxRedirects: 0 })).headers().location).toBe('/feed/')
  // A query string that is not WordPress's is still the front page.
  expect((await request.get('/?utm_source=newsletter', { maxRedirects: 0 })).status()).toBe(200)
})

test('a WordPress query URL naming content that is not here is the not-found page', async ({ page }) => {
  for (const url of ['/?p=987654321', '/?page_id=987654321', '/?attachment_id=987654321']) {
    const response = await page.goto(url)
    expect(response?.status(), url).toBe(404)
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  }
})

test.describe('imported old URLs', () => {
  const stamp = Date.now()
  const slashless = `/e2e-old-post-${stamp}`
  const month = `/2019/04/e2e-old-story-${stamp}/`
  const nested = `/category/e2e-coast-${stamp}/harbour/`
  const source = `old-${stamp}.example.org/blog`
  let target = ''

  // As the import stores them: the permalink as WordPress wrote it, slash or not.
  test.beforeAll(async () => {
    const a = await publishedArticle()
    target = articleUrl(a.slug, a.publishedAt)
    const db = testDb()
    const add = (from: string, to: string) =>
      db.run(
        'INSERT INTO redirects (from_path, to_path, status_code, created_at) VALUES (?, ?, 301, ?)',
        from,
        to,
        Date.now(),
      )
    await add(slashless, target)
    await add(month, target)
    await add(nested, '/category/world/')
    await db.run(
      "INSERT INTO wordpress_imports (source, kind, wp_key, target_id, created_at) VALUES (?, 'post', '41', ?, ?)",
      source,
      a.id,
      Date.now(),
    )
  })

  test.afterAll(async () => {
    const db = testDb()
    await db.run('DELETE FROM redirects WHERE from_path IN (?, ?, ?)', slashless, month, nested)
    await db.run('DELETE FROM wordpress_imports WHERE source = ?', source)
  })

  test('reach their page in one permanent redirect, with or without the trailing slash', async ({ request }) => {
    for (const from of [slashless, `${slashless}/`, `${slashless}?ref=old`, month, month.slice(0, -1)]) {
      const response = await request.get(from, { maxRedirects: 0 })
      expect(response.status(), from).toBe(301)
      expect(response.headers().location, from).toBe(target)
    }
    expect((await request.get(slashless)).status()).toBe(200)
    const section = await request.get(nested, { maxRedirects: 0 })
    expect(section.status()).toBe(301)
    expect(section.headers().location).toBe('/category/world/')
    // Gazette's own paths keep Next's redirect to the slashed form.
    expect((await request.get('/category/world', { maxRedirects: 0 })).status()).toBe(308)
  })

  test('under the folder WordPress was installed in answer its query strings', async ({ request }) => {
    const moved = await request.get('/blog/?p=41', { maxRedirects: 0 })
    expect(moved.status()).toBe(301)
    expect(moved.headers().location).toBe(target)
    expect((await request.get('/blog/?p=987654321', { maxRedirects: 0 })).status()).toBe(404)
  })
})
