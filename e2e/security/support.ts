import { createHash } from 'node:crypto'
import type { Browser } from '@playwright/test'
import { openTestDb } from '../db'
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

/**
 * A fingerprint of every row a request could change, to prove a refused request changed nothing.
 */
export function databaseFingerprint() {
  const db = openTestDb()
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
    const hash = createHash('sha256')
    for (const table of tables) {
      if (volatile.has(table) || /_fts(_|$)/.test(table)) continue
      hash.update(table)
      for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate())
        hash.update(JSON.stringify(row, bigints))
    }
    return hash.digest('hex')
  } finally {
    db.close()
  }
}

function bigints(_key: string, value: unknown) {
  return typeof value === 'bigint' ? value.toString() : Buffer.isBuffer(value) ? value.toString('base64') : value
}
