import { createHmac } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { seriousViolations } from './axe'
import { articleUrl, testDb } from './db'
import { admin, createArticle, signIn } from './staff'

// The webServer's AUTH_SECRET (playwright.config.ts): links are signed with it.
const authSecret = 'e2e-secret-e2e-secret-e2e-secret-e2e-secret'

/** The newest demo article: long enough for 3-5 key points, unlike the short ones other specs publish. */
async function newestArticle() {
  return (await testDb().get<{ id: number; slug: string; publishedAt: number }>(
    `SELECT id, slug, published_at AS publishedAt FROM articles
     WHERE status = 'published' AND length(body_text) > 400 ORDER BY published_at DESC LIMIT 1`,
  ))!
}

test('key points: shown above the article, folded without JavaScript, edited in the editor and kept', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000)
  const article = await newestArticle()
  const url = articleUrl(article.slug, article.publishedAt)
  const noJs = await browser.newContext({ javaScriptEnabled: false })
  const reader = await noJs.newPage()
  await reader.goto(url)
  const box = reader.locator('details', { has: reader.getByText('Key points', { exact: true }) })
  await expect(box).toHaveAttribute('open', '')
  const points = box.getByRole('listitem')
  expect(await points.count()).toBeGreaterThanOrEqual(3)
  await expect(box.getByText('Selected automatically from the article text')).toBeVisible()
  await reader.getByText('Key points', { exact: true }).click()
  await expect(box).not.toHaveAttribute('open', '')
  await expect(points.first()).toBeHidden()

  await signIn(page, admin.email, admin.password)
  await page.goto(`/admin/articles/${article.id}/`)
  const field = page.getByLabel('Key points, one a line')
  const lines = (await field.inputValue()).split('\n')
  expect(lines.length).toBeGreaterThanOrEqual(3)
  // Reordered and one replaced, with "Automatic" still chosen: the editor's version wins.
  const edited = [lines[1]!, 'An editor wrote this point by hand.', lines[0]!]
  await field.fill(edited.join('\n'))
  await page.getByRole('button', { name: 'Update' }).click()
  await expect(page.getByRole('status')).toBeVisible()
  await expect(page.getByLabel('As written below (never recomputed)')).toBeChecked()
  await expect(page.getByLabel('Key points, one a line')).toHaveValue(edited.join('\n'))

  await reader.goto(url)
  await expect(box.getByRole('listitem')).toHaveText(edited)
  await expect(box.getByText('Selected automatically')).toHaveCount(0)

  await page.getByLabel('Off', { exact: true }).check()
  const saved = page.waitForResponse((r) => r.request().method() === 'POST')
  await page.getByRole('button', { name: 'Update' }).click()
  await saved
  await expect(async () => {
    await reader.goto(url)
    await expect(reader.getByText('Key points', { exact: true })).toHaveCount(0, { timeout: 1000 })
  }).toPass()
  await noJs.close()
})

test('a signed-out visitor of the digest page is sent to sign in', async ({ request }) => {
  const response = await request.get('/account/digest/', { maxRedirects: 0 })
  expect(response.status()).toBeGreaterThanOrEqual(300)
  expect(response.status()).toBeLessThan(400)
  expect(response.headers().location).toContain('/signin/?callbackUrl=/account/digest/')
})

test('choosing a digest, previewing it in the back office, and unsubscribing from the mail link', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  const adminId = (await testDb().value<number>('SELECT id FROM users WHERE email = ?', admin.email))!
  // A retry starts from scratch: the failed attempt may have saved a digest.
  await testDb().run('DELETE FROM digest_subscriptions WHERE user_id = ?', adminId)
  // A story published now: a weekly digest covers the week before its last sending time, so which
  // older stories fall in the preview's window depends on the weekday the test runs.
  const article = { title: `Boat race on the backwaters draws record crowds ${Date.now()}`, section: 'Lifestyle' }
  await signIn(page, admin.email, admin.password)
  await createArticle(page, {
    ...article,
    bodyHtml: '<p>Twelve crews rowed the course before a crowd that lined both banks.</p>',
  })
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto('/account/digest/')
  await expect(page.getByRole('heading', { level: 1, name: 'Your e-mail digest' })).toBeVisible()
  await expect(
    page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Digest' }),
  ).toHaveAttribute('aria-current', 'page')
  // Nothing was chosen yet, so nothing is sent.
  await expect(page.getByLabel('Off', { exact: true })).toBeChecked()
  const tagNames = await page.getByRole('group', { name: 'Tags' }).locator('label').allTextContents()
  expect(tagNames).toEqual(tagNames.toSorted((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })))
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    expect(await seriousViolations(page, { coloursOnly: scheme === 'dark' }), scheme).toEqual([])
  }
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  expect((await page.getByRole('heading', { level: 1 }).boundingBox())!.x).toBeGreaterThanOrEqual(16)
  await page.setViewportSize({ width: 1280, height: 720 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
  expect(errors).toEqual([])
  await page.getByLabel('Weekly (Monday)').check()
  await page.getByLabel('At', { exact: true }).selectOption('9')
  await page.getByLabel('Your timezone').selectOption('Europe/London')
  await page.getByRole('checkbox', { name: article.section, exact: true }).check()
  await page.getByRole('button', { name: 'Save digest settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Your digest settings are saved.')
  await page.reload()
  await expect(page.getByLabel('Weekly (Monday)')).toBeChecked()
  await expect(page.getByLabel('At', { exact: true })).toHaveValue('9')
  await expect(page.getByLabel('Your timezone')).toHaveValue('Europe/London')
  await expect(page.getByRole('checkbox', { name: article.section, exact: true })).toBeChecked()

  await page.goto(`/admin/digests/?preview=${adminId}`)
  const preview = page.frameLocator('iframe[title^="Digest preview"]')
  await expect(preview.getByRole('link', { name: article.title }).first()).toBeVisible()
  await expect(preview.getByRole('heading', { name: article.section })).toBeVisible()

  // The link from the mail, opened in a browser that is not signed in.
  const token = createHmac('sha256', authSecret)
    .update(`digest-unsubscribe:${adminId}:${admin.email}`)
    .digest('base64url')
  const stranger = await browser.newContext()
  const visitor = await stranger.newPage()
  await visitor.goto('/digest/unsubscribe/?u=' + adminId + '&t=forged')
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('This unsubscribe link does not work')
  await visitor.goto(`/digest/unsubscribe/?u=${adminId}&t=${token}`)
  await visitor.getByRole('button', { name: 'Unsubscribe' }).click()
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('You are unsubscribed')
  await stranger.close()

  await page.goto('/account/digest/')
  await expect(page.getByLabel('Off', { exact: true })).toBeChecked()
  await expect(page.getByRole('checkbox', { name: article.section, exact: true })).toBeChecked()
})
