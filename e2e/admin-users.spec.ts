import { expect, test } from '@playwright/test'
import { testDb } from './db'
import { waitForMail } from './mail'
import { admin, ensureStaff, signIn } from './staff'

const nadia = { name: 'Nadia Rahman', email: 'nadia.e2e@example.com', password: 'nadia-e2e-password' }

/** A retry starts from scratch: the invite form refuses an address that already has an account. */
async function removeUser(email: string) {
  await testDb().run('DELETE FROM users WHERE email = ?', email)
}

test('an admin invites a staff member who sets a password, signs in, and is locked out once deactivated', async ({
  page,
  browser,
  baseURL,
}) => {
  await removeUser(nadia.email)
  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/users/')
  await page.getByLabel('Name', { exact: true }).fill(nadia.name)
  await page.getByLabel('Email', { exact: true }).fill(nadia.email)
  await page.getByLabel('Role', { exact: true }).selectOption('author')
  await page.getByRole('button', { name: 'Send invite' }).click()
  const box = page.getByRole('status').filter({ hasText: 'Invite link (shown once)' })
  await expect(box).toBeVisible()
  const link = await box.getByLabel('Invite link').inputValue()
  expect(link).toMatch(/\/admin\/invite\/[\w-]{43}\/$/)
  // SMTP_URL is set for the test server: the same link also went to the invitee by mail.
  await expect(box).toContainText('also sent to the new colleague by e-mail')
  const mail = await waitForMail(nadia.email, /invited to the newsroom/)
  expect(mail.text).toContain(link)
  const row = page.getByRole('row').filter({ hasText: nadia.email })
  await expect(row.getByRole('cell', { name: 'invited', exact: true })).toBeVisible()

  const invitee = await browser.newContext({ baseURL })
  const nadiaPage = await invitee.newPage()
  const opened = await nadiaPage.goto(link)
  expect(opened?.status()).toBe(200)
  await expect(nadiaPage.getByRole('heading', { name: 'Choose a password' })).toBeVisible()
  await nadiaPage.getByLabel('Password', { exact: true }).fill(nadia.password)
  await nadiaPage.getByLabel('Confirm password').fill('something-else-entirely')
  await nadiaPage.getByRole('button', { name: 'Set password' }).click()
  await expect(nadiaPage.getByText('The two passwords do not match.')).toBeVisible()
  await nadiaPage.getByLabel('Password', { exact: true }).fill(nadia.password)
  await nadiaPage.getByLabel('Confirm password').fill(nadia.password)
  await nadiaPage.getByRole('button', { name: 'Set password' }).click()
  await nadiaPage.waitForURL(/\/admin\/login\/\?invited=1$/)

  const reused = await nadiaPage.goto(link)
  expect(reused?.status()).toBe(404)
  await expect(nadiaPage.getByRole('heading', { name: 'This invitation link is not valid' })).toBeVisible()

  await signIn(nadiaPage, nadia.email, nadia.password)
  await expect(nadiaPage.getByRole('heading', { name: 'Dashboard' })).toBeVisible()

  // Her address now has an account: a second invite is refused beside the field, and no link is shown.
  await page.getByLabel('Email', { exact: true }).fill(nadia.email)
  await page.getByLabel('Name', { exact: true }).fill('Someone Else')
  await page.getByRole('button', { name: 'Send invite' }).click()
  await expect(page.getByText('Someone already has an account with this e-mail address.')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Someone Else')
  await expect(box).toHaveCount(0)

  await page.reload()
  await expect(row.getByRole('cell', { name: 'active', exact: true })).toBeVisible()
  await row.getByRole('button', { name: 'Deactivate' }).click()
  await expect(row.getByRole('button', { name: 'Reactivate' })).toBeVisible()
  await expect(row.getByRole('cell', { name: 'deactivated', exact: true })).toBeVisible()

  await nadiaPage.goto('/admin/articles/')
  await expect(nadiaPage).toHaveURL(/\/admin\/login\//)
  await expect(nadiaPage.getByRole('heading', { name: 'Sign in to the newsroom' })).toBeVisible()
  await invitee.close()

  await page.goto('/admin/audit/')
  const entries = page.getByRole('row').filter({ hasText: nadia.email })
  await expect(entries.filter({ hasText: 'invite:author' }).first()).toBeVisible()
  await expect(entries.filter({ hasText: 'status:active->deactivated' }).first()).toBeVisible()
})

test('an editor cannot reach user management or the audit log', async ({ browser, baseURL }) => {
  const editor = await ensureStaff('editor', 'editor-users-e2e@example.com', 'editor-users-password')
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await signIn(page, editor.email, editor.password)
  expect((await page.goto('/admin/users/'))?.status()).toBe(403)
  expect((await page.goto('/admin/audit/'))?.status()).toBe(403)
  expect((await page.goto('/admin/profile/'))?.status()).toBe(200)
  await context.close()
})
