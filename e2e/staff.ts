import { hash } from '@node-rs/argon2'
import type { Page } from '@playwright/test'
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
