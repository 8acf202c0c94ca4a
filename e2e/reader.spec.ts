import { expect, test } from '@playwright/test'
import { articleUrl, testDb } from './db'
import { readerPages } from './pages'

test('a reader goes from the front page through a section to an article and its links', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle(/The Northbridge Gazette/)
  const header = page.getByRole('banner')
  await expect(header.getByText('Stay Connected. Stay Informed.')).toBeVisible()
  await expect(header.getByRole('link', { name: 'About Us' })).toBeVisible()
  await expect(header.getByRole('link', { name: /@example\.com/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Breaking', exact: true })).toBeVisible()
  for (const section of ['World', 'Nation', 'Sports', 'Business', 'Science', 'Entertainment', 'Lifestyle']) {
    await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible()
  }
  await expect(page.getByRole('heading', { name: 'Latest stories' })).toBeVisible()
  const footer = page.getByRole('contentinfo')
  await expect(footer.getByText('Editorial staff')).toBeVisible()
  await expect(footer.getByText(/All rights reserved/)).toBeVisible()

  await page.getByRole('navigation', { name: 'Sections', exact: true }).getByRole('link', { name: 'Sports' }).click()
  await expect(page).toHaveURL(/\/category\/sports\/$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sports' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Breaking', exact: true })).toBeVisible()
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Older →' }).click()
  await expect(page).toHaveURL(/\/category\/sports\/page\/2\/$/)
  await expect(page.getByText(/page 2 of/)).toBeVisible()

  const firstStory = page
    .getByRole('main')
    .getByRole('article')
    .first()
    .getByRole('heading', { level: 2 })
    .getByRole('link')
  const title = (await firstStory.textContent())!.trim()
  await firstStory.click()
  await expect(page).toHaveURL(/\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  const main = page.getByRole('main')
  await expect(main.getByText(/^Posted on .+ By /)).toBeVisible()
  await expect(main.getByText(/GMT\+5:30|IST/).first()).toBeVisible()
  await expect(main.locator('figure figcaption')).toContainText(/Photo/)
  await expect(main.getByRole('heading', { name: 'Related Posts' })).toBeVisible()
  await expect(main.getByRole('heading', { name: 'More Related Articles' })).toBeVisible()
  await expect(main.getByRole('link', { name: /Previous post/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Breaking', exact: true })).toBeVisible()
  // Share links are plain links to each network's share page, named for what they do.
  const share = main.getByRole('list', { name: 'Share' })
  const shared = encodeURIComponent(page.url())
  for (const [name, href] of [
    ['Share on Facebook', `https://www.facebook.com/sharer/sharer.php?u=${shared}`],
    ['Share on X', `https://x.com/intent/post?url=${shared}&text=`],
    ['Share on LinkedIn', `https://www.linkedin.com/sharing/share-offsite/?url=${shared}`],
    ['Share on WhatsApp', 'https://wa.me/?text='],
    ['Share by e-mail', 'mailto:?subject='],
  ] as const) {
    const link = share.getByRole('link', { name, exact: true })
    await expect(link).toHaveAttribute('rel', 'noopener')
    expect(await link.getAttribute('href'), name).toContain(href)
  }
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    'href',
    new RegExp(`${new URL(page.url()).pathname}$`),
  )

  const tagLink = main.getByRole('link').and(page.locator('[rel="tag"]')).first()
  const tagName = (await tagLink.textContent())!.trim()
  await tagLink.click()
  await expect(page.getByRole('heading', { level: 1, name: tagName })).toBeVisible()
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible()

  await page.goBack()
  await main.getByRole('link').and(page.locator('[rel="author"]')).first().click()
  await expect(page).toHaveURL(/\/author\/[a-z0-9-]+\/$/)
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible()
})

test('the sidebar links to archives, sections, recent posts and approved comments only', async ({ page }) => {
  await page.goto('/category/world/')
  const sidebar = page.getByRole('complementary', { name: 'Sidebar' })
  await expect(sidebar.getByRole('heading', { name: 'Recent Posts' })).toBeVisible()
  await expect(sidebar.getByRole('heading', { name: 'Recent Comments' })).toBeVisible()
  await expect(sidebar.getByRole('link', { name: 'Breaking News' })).toBeVisible()

  const spamNames = await testDb().all<{ name: string }>(
    "SELECT author_name AS name FROM comments WHERE status != 'approved'",
  )
  expect(spamNames.length).toBeGreaterThan(0)
  const sidebarText = await sidebar.textContent()
  for (const { name } of spamNames) expect(sidebarText).not.toContain(name)

  const month = sidebar.getByRole('region', { name: 'Archives' }).getByRole('link').nth(1)
  const label = (await month.textContent())!.trim()
  await month.click()
  await expect(page).toHaveURL(/\/\d{4}\/\d{2}\/$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label)
  const year = new URL(page.url()).pathname.split('/')[1]
  await page.goto(`/${year}/`)
  await expect(page.getByRole('heading', { level: 1, name: year })).toBeVisible()
})

test('an article shows its approved comments, threaded', async ({ page }) => {
  const row = (await testDb().get<{ slug: string; publishedAt: number; replier: string; parent: string }>(
    `SELECT a.slug, a.published_at AS publishedAt, c.author_name AS replier, p.author_name AS parent
     FROM comments c JOIN comments p ON p.id = c.parent_id JOIN articles a ON a.id = c.article_id
     WHERE c.status = 'approved' AND p.status = 'approved' AND a.status = 'published' LIMIT 1`,
  ))!
  await page.goto(articleUrl(row.slug, row.publishedAt))
  const parent = page.getByRole('article', { name: `Comment by ${row.parent}` }).locator('xpath=..')
  await expect(parent.getByRole('article', { name: `Comment by ${row.replier}` })).toBeVisible()
})

test('a day archive, static pages and search work', async ({ page }) => {
  const a = (await testDb().get<{ slug: string; publishedAt: number }>(
    "SELECT slug, published_at AS publishedAt FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 1 OFFSET 5",
  ))!
  const url = articleUrl(a.slug, a.publishedAt)
  const dayUrl = url.split('/').slice(0, 4).join('/') + '/'
  await page.goto(dayUrl)
  await expect(page.getByRole('main').getByRole('link', { name: /./ }).first()).toBeVisible()
  await expect(page.locator(`main a[href="${url}"]`).first()).toBeVisible()

  for (const [path, heading] of [
    ['/about-us/', 'About Us'],
    ['/privacy-policy/', 'Privacy Policy'],
    ['/associate-journalism/', 'Associate Journalism'],
  ]) {
    await page.goto(path!)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
  }

  await page.goto('/')
  const search = page.getByRole('search').first()
  await search.getByLabel('Search articles').fill('council')
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(page).toHaveURL(/\/search\/\?q=council/)
  await expect(page.getByRole('status')).toContainText(/articles? found/)
  await expect(page.locator('main mark').first()).toBeVisible()
})

test('an article listed in a second section names it and appears on its page, also on a phone', async ({ page }) => {
  const listed = (await testDb().get<{
    title: string
    slug: string
    publishedAt: number
    section: string
    sectionSlug: string
  }>(
    `SELECT a.title, a.slug, a.published_at AS publishedAt, c.name AS section, c.slug AS sectionSlug
     FROM article_sections s JOIN articles a ON a.id = s.article_id JOIN categories c ON c.id = s.category_id
     WHERE a.status = 'published' ORDER BY a.published_at DESC LIMIT 1`,
  ))!

  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto(articleUrl(listed.slug, listed.publishedAt))
  const header = page.getByRole('main').locator('article header').first()
  await expect(header.getByText(/^Also in:/)).toBeVisible()
  const link = header.getByRole('link', { name: listed.section, exact: true })
  await expect(link).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await link.click()
  await expect(page).toHaveURL(new RegExp(`/category/${listed.sectionSlug}/$`))
  await expect(page.getByRole('main').getByRole('link', { name: listed.title }).first()).toBeVisible()
})

test('a phone gets a compact header and breaking line; no page overflows or logs an error at 360 or 1280 px', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`))
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
  const pages = await readerPages()
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 })
    for (const [kind, path] of Object.entries(pages)) {
      await page.goto(path)
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)
      expect(fits, `${kind} at ${width} px`).toBe(true)
    }
  }
  // The not-found page's own 404 is the only error a browser reports.
  expect(errors.filter((e) => !e.startsWith(new URL(pages.notFound, page.url()).href))).toEqual([])

  await page.setViewportSize({ width: 360, height: 740 })
  for (const path of ['/', pages.category, pages.article]) {
    await page.goto(path)
    expect((await page.getByRole('banner').boundingBox())!.height, path).toBeLessThanOrEqual(160)
    expect(
      (await page.getByRole('region', { name: 'Breaking', exact: true }).boundingBox())!.height,
      path,
    ).toBeLessThanOrEqual(48)
    await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link')).toBeVisible()
  }
  await page.goto('/')
  expect((await page.getByRole('region', { name: 'Top stories' }).boundingBox())!.y).toBeLessThan(300)
  // Headlines are set in the serif shipped with the site, not whatever the device has.
  const headline = page.getByRole('region', { name: 'Top stories' }).getByRole('heading').first()
  expect(await headline.evaluate((h) => getComputedStyle(h).fontFamily)).toMatch(/^sourceSerif/)
  expect(await page.evaluate(() => document.fonts.check('700 20px sourceSerif'))).toBe(true)
})
