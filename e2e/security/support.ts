import { createHash } from 'node:crypto'
import type { Browser } from '@playwright/test'
import { onPostgres, testDb } from '../db'
import { admin, ensureStaff, signIn } from '../staff'

export const staffRoles = ['contributor', 'author', 'editor', 'admin'] as const
export type StaffRole = (typeof staffRoles)[number]

const passwords: Record<StaffRole, { email: string; password: string }> = {
  contributor: { email: 'matrix-contributor@example.com', password: 'matrix-contributor-password' },
  author: { email: 'matrix-author@example.com', password: 'matrix-author-password' },
  editor: { email: 'matrix-editor@example.com', password: 'matrix-editor-password' },
  admin,
}

/** Signs each staff role in through the real form and returns its Cookie header value. */
export async function roleCookies(browser: Browser) {
  const cookies: Record<string, string> = { anonymous: '' }
  for (const role of staffRoles) {
    const account = passwords[role]
    if (role !== 'admin') await ensureStaff(role, account.email, account.password)
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, account.email, account.password)
    cookies[role] = (await context.cookies())
      .filter((c) => c.name.includes('authjs'))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
    await context.close()
  }
  return cookies
}

// Rows that change without anyone acting: cache purge events, sign-in bookkeeping and the
// background lease, renewed every few seconds.
const volatile = new Set(['cache_purges', 'sign_in_failures', 'leases'])
// Read counts reach the database up to 10 s after the reads, whichever spec made them.
const volatileColumns: Record<string, string[]> = { articles: ['view_count'] }

/**
 * A fingerprint of every row a request could change, to prove a refused request changed nothing:
 * one hash a table, so a mismatch names the table that changed.
 */
export async function databaseFingerprint() {
  const db = testDb()
  const tables = await db.values<string>(
    onPostgres
      ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
  const fingerprint: Record<string, string> = {}
  for (const table of tables) {
    if (volatile.has(table) || /_fts(_|$)/.test(table)) continue
    const hash = createHash('sha256')
    // Sorted here: PostgreSQL returns rows in no set order, and a row it rewrote in place may move.
    const rows = (await db.all(`SELECT * FROM "${table}"`))
      .map((row) => {
        for (const column of volatileColumns[table] ?? []) delete row[column]
        return JSON.stringify(row)
      })
      .sort()
    for (const row of rows) hash.update(row)
    fingerprint[table] = hash.digest('hex')
  }
  return fingerprint
}
