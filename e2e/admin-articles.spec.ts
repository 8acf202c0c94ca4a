import { expect, test } from '@playwright/test'
import sharp from 'sharp'
import { testDb } from './db'
import { admin, ensureStaff, fillBodyHtml, signIn } from './staff'

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
  await page.getByRole('radiogroup', { name: 'Image' }).getByRole('radio').nth(1).check()
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

test('a scheduled article is stored for its minute in site time, and goes live when it is due', async ({
  page,
  request,
}) => {
  const title = `Night market opens on Station Road ${Date.now()}`
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/articles/new/')
  await page.getByLabel('Title', { exact: true }).fill(title)
  const body = page.getByRole('textbox', { name: 'Body', exact: true })
  await body.click()
  await page.keyboard.type('Stalls open at seven. ')
  const bold = page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' })
  await bold.click()
  // Typing before the editor has taken the mark loses the first characters, and typing before it
  // has the focus back (Tiptap gives it in the next animation frame) sends them to the button.
  await expect(bold).toHaveAttribute('aria-pressed', 'true')
  await expect(body).toBeFocused()
  await page.keyboard.type('Entry is free.')
  // The field shows minutes in the site's timezone (UTC+5:30, a whole minute off UTC).
  const minute = Math.floor((Date.now() + 5 * 60_000) / 60_000) * 60_000
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Kolkata', dateStyle: 'short', timeStyle: 'short' })
    .format(minute)
    .replace(' ', 'T')
  await page.getByLabel('Publish at (site time)').fill(local)
  await page.getByRole('button', { name: 'Schedule' }).click()
  await expect(page.getByRole('status')).toHaveText('Scheduled.')
  const db = testDb()
  expect(await db.value<number>('SELECT published_at FROM articles WHERE title = ?', title)).toBe(minute)
  expect(await (await request.get('/')).text()).not.toContain(title)

  // Brought forward in the database rather than waited for: the scheduler checks every 10 s.
  await db.run('UPDATE articles SET published_at = ? WHERE title = ?', Date.now() + 1000, title)
  await expect
    .poll(async () => (await (await request.get('/')).text()).includes(title), { timeout: 30_000, intervals: [1000] })
    .toBe(true)
  const stored = await db.value<string>('SELECT body FROM articles WHERE title = ?', title)
  expect(stored).toContain('<strong>Entry is free.</strong>')
})

test('a story that ran in print is backdated under a byline without a login, and its date can change', async ({
  page,
  request,
}) => {
  const stamp = Date.now()
  const guest = `Kavya Menon ${stamp}`
  const slug = `harbour-strike-print-${stamp}`
  const existingTag = (await testDb().value<string>('SELECT name FROM tags ORDER BY id LIMIT 1'))!
  await signIn(page, admin.email, admin.password)

  // Staff who never sign in get a profile to put on bylines.
  await page.goto('/admin/users/')
  const profiles = page.getByRole('region', { name: 'Add a contributor profile (no login)' })
  await profiles.getByLabel('Name on the byline').fill(guest)
  await profiles.getByRole('button', { name: 'Add profile' }).click()
  const row = page.getByRole('row').filter({ hasText: guest })
  await expect(row.getByRole('cell', { name: 'profile, no login' })).toBeVisible()

  await page.goto('/admin/articles/new/')
  await page.getByLabel('Title', { exact: true }).fill(`Harbour strike ends after talks ${stamp}`)
  await page.getByLabel('Slug', { exact: true }).fill(slug)
  await fillBodyHtml(page, '<p>Dock workers returned on Tuesday.</p>')
  // Existing tags are offered as one types, so near-duplicates are not created.
  const tagsField = page.getByLabel('Tags')
  const listId = await tagsField.getAttribute('list')
  expect(listId).toBeTruthy()
  await expect(page.locator(`datalist#${listId} option[value="${existingTag}"]`)).toHaveCount(1)
  await tagsField.fill(existingTag)
  await page.getByLabel('Author', { exact: true }).selectOption({ label: `${guest} (profile, no login)` })
  await page.getByLabel('Publish at (site time)').fill('2019-07-14T06:30')
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(page.getByRole('status')).toHaveText('Published.')

  // The status box says when and where the story is live; the time field shows it.
  const dated = `/2019/07/14/${slug}/`
  const box = page.getByRole('region', { name: 'Publication' })
  await expect(box).toContainText(`Published 14 Jul 2019, 06:30 — view at ${dated}`)
  await expect(box.getByRole('link', { name: dated })).toHaveAttribute('href', dated)
  await expect(page.getByLabel('Publish at (site time)')).toHaveValue('2019-07-14T06:30')
  await expect(page.getByLabel('Author', { exact: true })).toHaveValue(/\d+/)

  const story = await request.get(dated)
  expect(story.status()).toBe(200)
  const html = await story.text()
  expect(html).toContain(guest)
  expect(await (await request.get('/2019/07/')).text()).toContain(`${dated}`)

  // A new date moves the story; its old dated URL answers 301 to the new one.
  await page.getByLabel('Publish at (site time)').fill('2019-08-02T09:00')
  await page.getByRole('button', { name: 'Update' }).click()
  await expect(page.getByRole('status')).toHaveText('Changes saved.')
  const moved = `/2019/08/02/${slug}/`
  await expect(box).toContainText(`Published 2 Aug 2019, 09:00 — view at ${moved}`)
  const old = await request.get(dated, { maxRedirects: 0 })
  expect(old.status()).toBe(301)
  expect(new URL(old.headers()['location']!, 'http://x').pathname).toBe(moved)
  expect(await (await request.get('/2019/08/')).text()).toContain(moved)
})

test('the featured image is uploaded from the article by button or by drop, with its caption rule', async ({
  page,
  request,
}) => {
  const stamp = Date.now()
  const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2a6f97' } })
    .png()
    .toBuffer()
  const title = `Lighthouse keepers return ${stamp}`
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/articles/new/')
  const picker = page.getByRole('radiogroup', { name: 'Image' })
  // Thumbnails, not only names.
  await expect(picker.getByRole('img').first()).toBeVisible()

  await page
    .getByLabel('Upload an image')
    .setInputFiles({ name: `keeper-${stamp}.png`, mimeType: 'image/png', buffer: png })
  const keeper = picker.getByRole('radio', { name: `keeper ${stamp}` })
  await expect(keeper).toBeChecked()

  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const dt = new DataTransfer()
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      dt.items.add(new File([bytes], name, { type: 'image/png' }))
      return dt
    },
    { b64: png.toString('base64'), name: `lamp-${stamp}.png` },
  )
  await page.getByTestId('featured-image-drop').dispatchEvent('drop', { dataTransfer })
  await expect(picker.getByRole('radio', { name: `lamp ${stamp}` })).toBeChecked()

  // The library gives the uploaded image a caption and credit of its own.
  await testDb().run(
    'UPDATE media SET caption = ?, credit = ? WHERE alt = ?',
    `Library caption ${stamp}`,
    `Library credit ${stamp}`,
    `keeper ${stamp}`,
  )

  // An image's own caption shows until the article gives its own, which then wins on the reader page;
  // the credit left empty is the image's.
  await page.goto('/admin/articles/new/')
  await page.getByLabel('Title', { exact: true }).fill(title)
  await fillBodyHtml(page, '<p>The lamp is lit again.</p>')
  await keeper.check()
  await expect(page.getByLabel('Caption')).toHaveAttribute('placeholder', `Library caption ${stamp}`)
  await expect(page.getByLabel('Photo credit')).toHaveAttribute('placeholder', `Library credit ${stamp}`)
  await expect(page.getByText("Empty caption or credit: the image's own from the media library is used")).toBeVisible()
  await page.getByLabel('Caption').fill(`Keepers at the lamp room ${stamp}`)
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(page.getByRole('status')).toHaveText('Published.')
  const live = await page.getByRole('region', { name: 'Publication' }).getByRole('link').getAttribute('href')
  const html = await (await request.get(live!)).text()
  expect(html).toContain(`Keepers at the lamp room ${stamp}`)
  expect(html).not.toContain(`Library caption ${stamp}`)
  expect(html).toContain(`Library credit ${stamp}`)
})

test('an author cannot put someone else on the byline, even with a forged field', async ({ page }) => {
  const author = await ensureStaff('author', 'desk-byline-author@example.com', 'desk-byline-author-password')
  const title = `Forged byline ${Date.now()}`
  await signIn(page, author.email, author.password)
  await page.goto('/admin/articles/new/')
  await expect(page.getByLabel('Title', { exact: true })).toBeVisible()
  await expect(page.getByLabel('Author', { exact: true })).toHaveCount(0)
  await page.getByLabel('Title', { exact: true }).fill(title)
  await page.locator('form:has(#title)').evaluate((form) => {
    const forged = document.createElement('input')
    forged.type = 'hidden'
    forged.name = 'authorId'
    forged.value = '1'
    form.append(forged)
  })
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/admin/articles/new/')),
    page.getByRole('button', { name: 'Save draft' }).click(),
  ])
  expect(response.status()).toBe(403)
  expect(await testDb().get('SELECT id FROM articles WHERE title = ?', title)).toBeUndefined()
})
