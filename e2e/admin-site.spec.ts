import { expect, test } from '@playwright/test'
import { testDb } from './db'
import { admin, ensureStaff, signIn } from './staff'

const tagline = 'Stay Connected. Stay Informed.'

// Other specs read the tagline; put it back even when a step below fails.
test.afterAll(async () => {
  await testDb().run(`UPDATE settings SET value = ? WHERE key = 'tagline'`, JSON.stringify(tagline))
})

test('settings change what readers see, and a bad value keeps what was typed', async ({ page }) => {
  const changed = `Northbridge, every day ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/settings/')
  await expect(page.getByLabel('Tagline')).toHaveValue(tagline)
  await expect(page.getByText('IANA name, e.g. Asia/Kolkata')).toBeVisible()

  await page.getByLabel('Tagline').fill(changed)
  await page.getByLabel('Timezone').fill('Mars/Olympus_Mons')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Enter an IANA timezone name, e.g. Asia/Kolkata.')).toBeVisible()
  await expect(page.getByLabel('Tagline')).toHaveValue(changed)
  await expect(page.getByLabel('Timezone')).toHaveValue('Mars/Olympus_Mons')

  await page.getByLabel('Timezone').fill('Asia/Kolkata')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')
  await page.goto('/')
  await expect(page.getByRole('banner').getByText(changed)).toBeVisible()

  await page.goto('/admin/settings/')
  await page.getByLabel('Tagline').fill(tagline)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')
  await page.goto('/')
  await expect(page.getByRole('banner').getByText(tagline)).toBeVisible()
})

test('a new section at position 0 leads the reader navigation until deleted', async ({ page }) => {
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/sections/')
  const form = page.getByRole('region', { name: 'New section' })
  await form.getByLabel('Name').fill('Local Heroes')
  await form.getByLabel('Slug').fill(`local-heroes-${Date.now()}`)
  await form.getByLabel('Position').fill('0')
  await form.getByRole('button', { name: 'Create section' }).click()
  await expect(page.getByRole('status')).toHaveText('Section “Local Heroes” saved.')

  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Sections', exact: true })
  await expect(nav.getByRole('link').nth(0)).toHaveText('Home')
  await expect(nav.getByRole('link').nth(1)).toHaveText('Local Heroes')

  await page.goto('/admin/sections/')
  await page.getByText('Edit Local Heroes', { exact: true }).click()
  await page.getByRole('button', { name: 'Delete section Local Heroes' }).click()
  await expect(page.getByRole('status')).toHaveText('Section deleted.')
  await page.goto('/')
  await expect(nav.getByRole('link', { name: 'Local Heroes' })).toHaveCount(0)
})

test('a static page is published at its slug, and a reserved slug is refused beside the field', async ({ page }) => {
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/pages/new/')
  await page.getByLabel('Title').fill('Letters Policy')
  await page.getByLabel('Slug').fill('search')
  await page
    .getByLabel('Body', { exact: true })
    .fill(
      '<p>Letters may be edited for length.</p><script>alert(1)</script><p onerror="alert(2)">Signed letters only.</p>',
    )
  await page.getByLabel('Status').selectOption({ label: 'Published' })
  await page.getByRole('button', { name: 'Save page' }).click()
  await expect(page.getByText('“search” is reserved for the site’s own addresses. Choose another slug.')).toBeVisible()
  await expect(page.getByLabel('Title')).toHaveValue('Letters Policy')
  await expect(page.getByLabel('Status')).toHaveValue('published')

  await page.getByLabel('Slug').fill('letters-policy')
  await page.getByRole('button', { name: 'Save page' }).click()
  await expect(page.getByRole('status')).toHaveText('Page saved and published.')
  await expect(page.getByLabel('Body', { exact: true })).not.toHaveValue(/script|onerror/)

  const reader = await page.context().newPage()
  const response = await reader.goto('/letters-policy/')
  expect(response?.status()).toBe(200)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Letters Policy')
  await expect(reader.getByText('Letters may be edited for length.')).toBeVisible()
  expect(await reader.locator('article').innerHTML()).not.toMatch(/<script|onerror/)

  await page.getByRole('button', { name: 'Delete page' }).click()
  await expect(page.getByRole('status')).toHaveText('Page deleted.')
  expect((await reader.goto('/letters-policy/'))?.status()).toBe(404)
})

test('a renamed tag shows its new name at its new address, and the old address redirects', async ({
  page,
  browser,
}) => {
  // The least used tag, so specs that pick popular tags are not disturbed.
  const tag = (await testDb().get<{ name: string; slug: string }>(
    `SELECT t.name, t.slug FROM tags t
     JOIN article_tags at ON at.tag_id = t.id JOIN articles a ON a.id = at.article_id
     WHERE a.status = 'published' GROUP BY t.id ORDER BY count(*) ASC, t.id DESC LIMIT 1`,
  ))!
  const renamed = { name: `Renamed ${tag.name}`, slug: `renamed-${tag.slug}` }

  const rename = async (from: string, to: { name: string; slug: string }) => {
    await page.goto(`/admin/tags/?q=${encodeURIComponent(from)}`)
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: from, exact: true }) })
    await row.getByText(`Edit ${from}`, { exact: true }).click()
    await row.getByLabel('Name', { exact: true }).fill(to.name)
    await row.getByLabel('Slug', { exact: true }).fill(to.slug)
    await row.getByRole('button', { name: 'Save tag' }).click()
    await expect(page.getByRole('status')).toHaveText('Tag saved.')
  }

  await signIn(page, admin.email, admin.password)
  await rename(tag.name, renamed)
  await page.goto(`/tag/${renamed.slug}/`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(renamed.name)
  await page.goto(`/tag/${tag.slug}/`)
  await expect(page).toHaveURL(new RegExp(`/tag/${renamed.slug}/$`))

  await rename(renamed.name, tag)
  // A fresh browser: this one remembers the permanent redirect it followed, as browsers do.
  const reader = await (await browser.newContext()).newPage()
  await reader.goto(`/tag/${tag.slug}/`)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(tag.name)
})

test('an editor manages sections but cannot open the site settings', async ({ page }) => {
  const editor = await ensureStaff('editor', 'editor-site-e2e@example.com', 'editor-site-password')
  await signIn(page, editor.email, editor.password)
  expect((await page.goto('/admin/settings/'))?.status()).toBe(403)
  expect((await page.goto('/admin/sections/'))?.status()).toBe(200)
  expect((await page.goto('/admin/pages/'))?.status()).toBe(200)
})
