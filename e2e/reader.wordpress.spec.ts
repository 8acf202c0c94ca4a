import { expect, test } from '@playwright/test'
import { articleUrl, openTestDb } from './db'

test("Gazette's own feed ids (/?p=<id>) and WordPress query URLs redirect permanently", async ({ request }) => {
  const db = openTestDb()
  const a = db
    .prepare("SELECT id, slug, published_at AS publishedAt FROM articles WHERE status = 'published' LIMIT 1")
    .get() as { id: number; slug: string; publishedAt: number }
  db.close()
  const moved = await request.get(`/?p=${a.id}`, { maxRedirects: 0 })
  expect(moved.status()).toBe(301)
  expect(moved.headers().location).toBe(articleUrl(a.slug, a.publishedAt))
  expect((await request.get(`/?p=${a.id}`)).status()).toBe(200)
  const search = await request.get('/?s=harbour', { maxRedirects: 0 })
  expect(search.headers().location).toBe('/search/?q=harbour')
  expect((await request.get('/?feed=rss2', { maxRedirects: 0 })).headers().location).toBe('/feed/')
  // An id nobody has is the front page, as on WordPress.
  expect((await request.get('/?p=987654321', { maxRedirects: 0 })).status()).toBe(200)
})
