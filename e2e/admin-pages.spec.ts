import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { testDb } from './db'
import { admin, signIn } from './staff'

// The authorization matrix lists every back-office page (its own test keeps it complete), so this
// visits each page an admin can open, including ones added later.
const matrix = JSON.parse(fs.readFileSync(path.join(__dirname, 'security/authz-matrix.json'), 'utf8')) as {
  pages: { path: string; allow: string[] | 'everyone' }[]
}

async function adminPages() {
  const db = testDb()
  const ids: Record<string, unknown> = {
    othersArticle: await db.value("SELECT id FROM articles WHERE status = 'published' ORDER BY id LIMIT 1"),
    media: await db.value('SELECT id FROM media ORDER BY id LIMIT 1'),
    page: await db.value('SELECT id FROM pages ORDER BY id LIMIT 1'),
  }
  return matrix.pages
    .filter((p) => p.allow !== 'everyone' && p.allow.includes('admin'))
    .map((p) => p.path.replace(/\{(\w+)\}/g, (_, name: string) => String(ids[name])))
}

test('every back-office page fits a 360 px phone and leaves the console clean', async ({ page }) => {
  test.setTimeout(180_000)
  const messages: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') messages.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => messages.push(`${page.url()}: ${e.message}`))
  await page.setViewportSize({ width: 360, height: 780 })
  await signIn(page, admin.email, admin.password)
  const overflowing: string[] = []
  for (const url of await adminPages()) {
    const response = await page.goto(url)
    expect(response?.status(), url).toBe(200)
    if (/\/admin\/articles\/(new|\d+)\/$/.test(url))
      await expect(page.getByRole('textbox', { name: 'Body', exact: true })).toBeVisible()
    await page.waitForLoadState('networkidle')
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }))
    if (scrollWidth > innerWidth) overflowing.push(`${url} is ${scrollWidth} px wide`)
  }
  expect.soft(overflowing).toEqual([])
  expect(messages).toEqual([])
})
