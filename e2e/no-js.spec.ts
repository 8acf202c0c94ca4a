import { expect, test } from '@playwright/test'
import { readerPages } from './pages'

// This project runs with JavaScript disabled: every reader page must be complete without it.
test('every reader page renders without JavaScript', async ({ page }) => {
  const pages = await readerPages()
  for (const [kind, path] of Object.entries(pages)) {
    const response = await page.goto(path)
    expect(response?.status(), `${kind} ${path}`).toBe(kind === 'notFound' ? 404 : 200)
    await expect(page.getByRole('heading', { level: 1 }).first(), `${kind} ${path}`).toBeVisible()
    await expect(page.getByRole('contentinfo')).toBeVisible()
  }
})

test('search and pagination work as plain links and forms', async ({ page }) => {
  await page.goto('/')
  const search = page.getByRole('search').first()
  await search.getByLabel('Search articles').fill('festival')
  await search.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByRole('status')).toContainText(/found|No articles/)
  await page.goto('/category/nation/')
  await page.getByRole('link', { name: 'Page 2' }).click()
  await expect(page).toHaveURL(/\/category\/nation\/page\/2\/$/)
})

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } })

  test('the menu and the search open without JavaScript and nothing overflows', async ({ page }) => {
    await page.goto('/')
    const sections = page.getByRole('navigation', { name: 'Sections (mobile)' })
    await expect(sections).toBeHidden()
    await page.locator('summary', { hasText: 'Menu' }).click()
    await expect(sections.getByRole('link', { name: 'Business' })).toBeVisible()
    await page.locator('summary', { hasText: 'Search' }).click()
    await expect(page.locator('#search-mobile')).toBeVisible()
    for (const path of Object.values(await readerPages())) {
      await page.goto(path)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, path).toBeLessThanOrEqual(0)
    }
  })
})
