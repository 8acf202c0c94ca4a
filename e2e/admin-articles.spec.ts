import { expect, test } from '@playwright/test'
import { openTestDb } from './db'
import { admin, fillBodyHtml, signIn } from './staff'

test('an editor writes, publishes, edits and unpublishes an article that readers see at once', async ({
  page,
  context,
}) => {
  const title = `Ferry service to Port Aravind resumes ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/articles/new/')

  // Bad input keeps what was typed and explains itself.
  await page.getByLabel('Title', { exact: true }).fill('No')
  await page.getByLabel('Standfirst').fill('Boats return after the monsoon break.')
  await page.getByLabel('Source link').fill('ftp://files.example.com/ferry')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText('Give the article a title of at least 3 characters.')).toBeVisible()
  await expect(page.getByText('Enter a full http(s) address.')).toBeVisible()
  await expect(page.getByLabel('Standfirst')).toHaveValue('Boats return after the monsoon break.')

  await page.getByLabel('Title', { exact: true }).fill(title)
  await page.getByLabel('Source link').fill('')
  await fillBodyHtml(
    page,
    '<p>The first ferry left at dawn.</p><script>alert(1)</script><p onclick="alert(2)">Crowds cheered.</p>',
  )
  await page.getByLabel('Category').selectOption({ label: 'Business' })
  const alsoIn = page.getByRole('group', { name: 'Also in sections' })
  await expect(alsoIn.getByRole('checkbox', { name: /^Business/ })).toBeDisabled()
  await alsoIn.getByRole('checkbox', { name: 'World', exact: true }).check()
  await page.getByLabel('Tags').fill('Shipping, Port Aravind, Ferry Revival')
  await page.getByLabel('Co-authors').selectOption({ label: 'Meera Iyer' })
  await page.getByLabel('Image', { exact: true }).selectOption({ index: 1 })
  await page.getByLabel('Caption').fill('The ferry at dawn.')
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByRole('status')).toHaveText('Published.')

  const reader = await context.browser()!.newPage()
  await reader.goto('/')
  await reader.getByRole('link', { name: title }).first().click()
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title)
  const url = reader.url()
  await expect(reader.locator('article .prose')).toContainText('Crowds cheered.')
  expect(await reader.locator('article .prose').innerHTML()).not.toMatch(/script|onclick/)
  await expect(reader.getByRole('link', { name: 'Ferry Revival' })).toBeVisible()
  await expect(reader.getByText(/^Posted on .+ By Site Administrator and Meera Iyer/)).toBeVisible()
  await reader.locator('article header').first().getByRole('link', { name: 'World', exact: true }).click()
  await expect(reader).toHaveURL(/\/category\/world\/$/)
  await expect(reader.getByRole('link', { name: title }).first()).toBeVisible()
  await reader.goto('/category/business/')
  await expect(reader.getByRole('link', { name: title }).first()).toBeVisible()

  // Editing the title shows on the next request; a new slug keeps the old URL working.
  await page.getByLabel('Title', { exact: true }).fill(`${title} (updated)`)
  await page.getByLabel('Slug', { exact: true }).fill(`ferry-updated-${Date.now()}`)
  await page.getByRole('button', { name: 'Update' }).click()
  await expect(page.getByRole('status')).toHaveText('Changes saved.')
  await reader.goto(url)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(`${title} (updated)`)
  expect(reader.url()).not.toBe(url)

  await page.getByRole('button', { name: 'Unpublish' }).click()
  await expect(page.getByRole('status')).toHaveText('Draft saved.')
  const gone = await reader.goto(reader.url())
  expect(gone?.status()).toBe(404)
})

test('a scheduled article goes live at its minute', async ({ page, request }) => {
  test.setTimeout(150_000)
  const title = `Night market opens on Station Road ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/articles/new/')
  await page.getByLabel('Title', { exact: true }).fill(title)
  const body = page.getByRole('textbox', { name: 'Body', exact: true })
  await body.click()
  await page.keyboard.type('Stalls open at seven. ')
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' }).click()
  await page.keyboard.type('Entry is free.')
  const inTwoMinutes = new Date(Date.now() + 70_000)
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Kolkata', dateStyle: 'short', timeStyle: 'short' })
    .format(inTwoMinutes)
    .replace(' ', 'T')
  await page.getByLabel('Publish at (site time)').fill(local)
  await page.getByRole('button', { name: 'Schedule' }).click()
  await expect(page.getByRole('status')).toHaveText('Scheduled.')
  expect(await (await request.get('/')).text()).not.toContain(title)
  await expect
    .poll(async () => (await (await request.get('/')).text()).includes(title), { timeout: 120_000, intervals: [5_000] })
    .toBe(true)
  const db = openTestDb()
  const row = db.prepare('SELECT body FROM articles WHERE title = ?').get(title) as { body: string }
  db.close()
  expect(row.body).toContain('<strong>Entry is free.</strong>')
})
