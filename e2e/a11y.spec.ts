import { expect, test } from '@playwright/test'
import { seriousViolations } from './axe'
import { readerPages } from './pages'

const kinds = [
  'front',
  'article',
  'articleAlsoIn',
  'category',
  'categoryPage2',
  'tag',
  'author',
  'year',
  'month',
  'day',
  'search',
  'page',
  'notFound',
] as const

// Each check only reads a page, so the checks share the workers.
test.describe.configure({ mode: 'parallel' })

for (const kind of kinds) {
  test(`${kind} page has no serious or critical accessibility violations, light and dark`, async ({ page }) => {
    const path = (await readerPages())[kind]
    await page.goto(path)
    expect(await seriousViolations(page), path).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await seriousViolations(page, { coloursOnly: true }), `${path} (dark)`).toEqual([])
  })
}

test('a keyboard user can skip to the content and sees where focus is', async ({ page }) => {
  await page.goto('/')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#main$/)
})
