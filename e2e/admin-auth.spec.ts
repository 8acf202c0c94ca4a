import { expect, test } from '@playwright/test'
import { testDb } from './db'
import { admin, ensureStaff, fillBodyHtml, signIn } from './staff'

test('a wrong password gets one generic message and keeps the e-mail', async ({ page }) => {
  await page.goto('/admin/login/')
  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password').fill('not-the-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'not correct' })).toHaveText(
    'The e-mail or password is not correct.',
  )
  await expect(page.getByLabel('Email')).toHaveValue(admin.email)
  await page.getByLabel('Email').fill('nobody@example.com')
  await page.getByLabel('Password').fill('whatever-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'not correct' })).toHaveText(
    'The e-mail or password is not correct.',
  )
})

test('staff sign in and out', async ({ page }) => {
  await signIn(page, admin.email, admin.password)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(/\/admin\/login\/$/)
  await page.goto('/admin/articles/')
  await expect(page).toHaveURL(/\/admin\/login\/\?callbackUrl=%2Fadmin%2Farticles%2F$/)
})

test('signed-out visitors are sent to sign in from every admin page, and their posts change nothing', async ({
  request,
}) => {
  for (const path of [
    '/admin/',
    '/admin/articles/',
    '/admin/articles/new/',
    '/admin/articles/1/',
    '/admin/articles/1/revisions/',
    '/admin/articles/1/preview/',
    '/admin/media/',
    '/admin/comments/',
    '/admin/sections/',
    '/admin/tags/',
    '/admin/pages/',
    '/admin/pages/new/',
    '/admin/settings/',
    '/admin/users/',
    '/admin/audit/',
    '/admin/digests/',
    '/admin/profile/',
  ]) {
    const response = await request.get(path, { maxRedirects: 0 })
    expect(response.status(), path).toBe(307)
    expect(response.headers().location, path).toContain('/admin/login/')
  }
  // A replayed article form without a session: nothing with its title may appear.
  const title = `Signed-out forgery ${Date.now()}`
  const response = await request.post('/admin/articles/new/', {
    headers: { 'Next-Action': '0000000000000000000000000000000000000000' },
    multipart: { intent: 'publish', title, slug: '', standfirst: '', body: '<p>x</p>', tags: '' },
    maxRedirects: 0,
  })
  expect(response.status()).toBeGreaterThanOrEqual(300)
  expect(response.status()).toBeLessThan(500)
  expect(await testDb().get('SELECT count(*) AS n FROM articles WHERE title = ?', title)).toEqual({ n: 0 })
})

test('a contributor cannot publish, from the interface or by a crafted request', async ({ page }) => {
  const contributor = await ensureStaff('contributor', 'contributor-e2e@example.com', 'contributor-password')
  await signIn(page, contributor.email, contributor.password)
  await page.getByRole('link', { name: 'New article' }).first().click()
  await page.getByLabel('Title', { exact: true }).fill('Contributor draft about the ferry timetable')
  await fillBodyHtml(page, '<p>The new timetable starts on Monday.</p>')
  await expect(page.getByRole('button', { name: 'Publish' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status')).toHaveText('Draft saved.')

  // A hand-made "publish" submission of the same form must be refused on the server.
  await page.evaluate(() => {
    const form = document.querySelector('form:has(#title)') as HTMLFormElement
    const button = document.createElement('button')
    button.name = 'intent'
    button.value = 'publish'
    button.textContent = 'Forged publish'
    form.append(button)
  })
  await page.getByRole('button', { name: 'Forged publish' }).click()
  await page.waitForTimeout(1000)
  expect(
    await testDb().value("SELECT status FROM articles WHERE title = 'Contributor draft about the ferry timetable'"),
  ).toBe('draft')
})
