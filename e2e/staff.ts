import { hash } from '@node-rs/argon2'
import { expect, type Page } from '@playwright/test'
import { testDb } from './db'

export const admin = { email: 'admin@example.com', password: 'e2e-admin-password' }

/** Creates (or resets) a staff account directly in the test database. */
export async function ensureStaff(role: 'editor' | 'author' | 'contributor', email: string, password: string) {
  const db = testDb()
  const passwordHash = await hash(password)
  const name = `E2E ${role[0]!.toUpperCase()}${role.slice(1)}`
  const id = (await db.value<number>(
    `INSERT INTO users (email, name, slug, role, password_hash) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(email) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, status = 'active'
     RETURNING id`,
    email,
    name,
    email.split('@')[0]!.replace(/\W/g, '-'),
    role,
    passwordHash,
  ))!
  return { id, email, password, name }
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/admin/login/')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/admin\/$/)
}

/** Types raw HTML into the article body through the editor's HTML view. */
export async function fillBodyHtml(page: Page, html: string) {
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'HTML' }).click()
  await page.getByLabel('Body HTML').fill(html)
}

/**
 * Creates an article from the new-article page, published or as a draft, and leaves the browser on
 * its edit page, whose address it returns.
 */
export async function createArticle(
  page: Page,
  article: { title: string; bodyHtml: string; standfirst?: string; section?: string },
  button: 'Publish' | 'Save draft' = 'Publish',
) {
  await page.goto('/admin/articles/new/')
  await page.getByLabel('Title', { exact: true }).fill(article.title)
  if (article.standfirst) await page.getByLabel('Standfirst').fill(article.standfirst)
  await fillBodyHtml(page, article.bodyHtml)
  if (article.section) await page.getByLabel('Category').selectOption({ label: article.section })
  await page.getByRole('button', { name: button }).click()
  // Other status lines may share the page (another editor at work on the article): this one, whole.
  const saved = button === 'Publish' ? /^Published\.$/ : /^Draft saved\.$/
  await expect(page.getByRole('status').filter({ hasText: saved })).toBeVisible()
  return page.url().replace(/\?.*$/, '')
}
