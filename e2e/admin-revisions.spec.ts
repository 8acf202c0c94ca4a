import { expect, type Page, test } from '@playwright/test'
import { testDb } from './db'
import { admin, createArticle as createStaffArticle, ensureStaff, fillBodyHtml, signIn } from './staff'

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text })

const createArticle = (page: Page, title: string, bodyHtml: string, button: 'Publish' | 'Save draft') =>
  createStaffArticle(page, { title, bodyHtml, standfirst: 'Keepers of the coast.' }, button)

test('an editor compares and restores a revision, then appends a correction readers see', async ({ page, browser }) => {
  const title = `Lighthouse on Kovil Point relit ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  await createArticle(page, title, '<p>The keeper lit the lamp at dusk for the fishing fleet.</p>', 'Publish')

  await fillBodyHtml(page, '<p>The keeper switched on the beacon at midnight for the fishing fleet.</p>')
  await page.getByRole('button', { name: 'Update' }).click()
  await expect(status(page, 'Changes saved.')).toBeVisible()
  const publicPath = await page.getByRole('link', { name: 'View on site' }).getAttribute('href')
  expect(publicPath).toBeTruthy()

  await page.getByRole('link', { name: 'Revisions (2)' }).click()
  await expect(page.getByRole('heading', { name: 'Revisions', level: 1 })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Revisions, newest first' }).getByRole('listitem')).toHaveCount(2)
  await expect(page.getByText('Current version')).toBeVisible()
  await page.getByRole('link', { name: 'Compare with current (revision 1)' }).click()
  await expect(page).toHaveURL(/\/revisions\/\?compare=\d+$/)
  await expect(page.getByRole('heading', { name: 'Revision 1 compared with the current version' })).toBeVisible()
  const body = page.getByRole('definition').filter({ hasText: 'fishing fleet' })
  for (const removed of ['lit', 'lamp', 'dusk']) await expect(body.locator('del', { hasText: removed })).toBeVisible()
  for (const added of ['switched on', 'beacon', 'midnight'])
    await expect(body.locator('ins', { hasText: added })).toBeVisible()

  await page.getByRole('button', { name: 'Restore this revision', exact: true }).click()
  await expect(status(page, 'Revision restored.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Revisions (3)' })).toBeVisible()

  const reader = await (await browser.newContext()).newPage()
  await reader.goto(publicPath!)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(reader.locator('article .prose')).toHaveText('The keeper lit the lamp at dusk for the fishing fleet.')

  // Corrections are appended to the live article with their date.
  const correction = 'An earlier version of this article misnamed the point as Kovil Head.'
  await page.getByLabel('New correction').fill('Typo')
  await page.getByRole('button', { name: 'Add correction' }).click()
  await expect(page.getByText('Write at least 5 characters.')).toBeVisible()
  await page.getByLabel('New correction').fill(correction)
  await page.getByRole('button', { name: 'Add correction' }).click()
  await expect(status(page, 'Correction added.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Corrections' })).toContainText(correction)

  await reader.goto(publicPath!)
  const corrections = reader.getByRole('region', { name: 'Corrections' })
  await expect(corrections).toContainText(correction)
  const stamp = corrections.locator('time').first()
  const at = Date.parse((await stamp.getAttribute('datetime'))!)
  expect(Math.abs(Date.now() - at)).toBeLessThan(10 * 60_000)
  await expect(stamp).toContainText(String(new Date().getFullYear()))
  await reader.context().close()
})

test('staff preview a draft as readers would see it; signed-out visitors are sent to sign in', async ({
  page,
  browser,
}) => {
  const title = `Harbour dredging plan drafted ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  await createArticle(page, title, '<p>Dredgers arrive <strong>next spring</strong>.</p>', 'Save draft')

  await page.getByRole('link', { name: 'Preview', exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/articles\/\d+\/preview\/$/)
  await expect(page.getByText('Preview — not published')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect(page.getByText('Keepers of the coast.')).toBeVisible()
  expect(await page.locator('article .prose').innerHTML()).toContain('<strong>next spring</strong>')
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)
  const previewPath = new URL(page.url()).pathname

  const anonymous = await browser.newContext()
  const visitor = await anonymous.newPage()
  await visitor.goto(previewPath)
  await expect(visitor).toHaveURL(/\/admin\/login\//)
  await expect(visitor.getByText(title)).toHaveCount(0)
  const direct = await anonymous.request.get(previewPath, { maxRedirects: 0 })
  expect([302, 303, 307, 308]).toContain(direct.status())
  expect(direct.headers()['location']).toContain('/admin/login/')
  await anonymous.close()
})

test('an editor is warned that someone else has the article open', async ({ page, browser }) => {
  const title = `Coastal road resurfacing ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  const editUrl = await createArticle(page, title, '<p>Work starts on Monday.</p>', 'Save draft')
  await expect(status(page, /also has this article open/)).toHaveCount(0)

  const editor = await ensureStaff('editor', 'editor-revisions-e2e@example.com', 'editor-revisions-password')
  const other = await browser.newContext()
  const editorPage = await other.newPage()
  await signIn(editorPage, editor.email, editor.password)
  await editorPage.goto(editUrl)
  await expect(status(editorPage, /also has this article open/)).toContainText(
    /Site Administrator also has this article open \(opened (less than a minute|\d+ minutes?) ago\)\./,
  )

  await page.reload()
  await expect(status(page, /also has this article open/)).toContainText(`${editor.name} also has this article open`)
  await other.close()
})

test('a draft is autosaved without disturbing what is being typed', async ({ page }) => {
  // The page's clock runs with real time until it is moved on to the next autosave (every 30 s).
  await page.clock.install()
  const title = `Monsoon timetable for island schools ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  const editUrl = await createArticle(page, title, '<p>Classes begin later.</p>', 'Save draft')

  await page.getByLabel('Standfirst').fill('Schools open an hour later from June.')
  await expect(page.getByText(/^Draft autosaved/)).toHaveCount(0)
  await page.clock.fastForward('00:30')
  await expect(page.getByText(/^Draft autosaved at \d{2}:\d{2}$/)).toBeVisible()
  expect(page.url()).toContain(editUrl)
  await expect(page.getByLabel('Standfirst')).toHaveValue('Schools open an hour later from June.')
  await page.getByLabel('Title', { exact: true }).fill(`${title} (revised)`)
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(`${title} (revised)`)

  const row = await testDb().get('SELECT standfirst, status FROM articles WHERE title = ?', title)
  expect(row).toEqual({ standfirst: 'Schools open an hour later from June.', status: 'draft' })
})
