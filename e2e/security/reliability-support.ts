import Database from 'better-sqlite3'
import { createHmac } from 'node:crypto'
import { articleUrl } from '../db'
import { copyTestDatabase, signInAdmin } from './server'

/** Full counts with SECURITY_FULL=1 (npm run test:security); a short sample inside npm test. */
export const full = !!process.env.SECURITY_FULL

// The secret startServer gives the second server: the tests sign comment forms' time stamps with it.
const authSecret = 'e2e-secret-e2e-secret-e2e-secret-e2e-secret'

/** A comment form's time stamp (lib/form-time.ts), made `ageMs` ago so the minimum fill time is met. */
export function formStamp(articleId: number, ageMs = 30_000) {
  const at = Date.now() - ageMs
  const signature = createHmac('sha256', authSecret)
    .update(`form-time:comment:${articleId}:${at}`)
    .digest('base64url')
    .slice(0, 32)
  return `${at}.${signature}`
}

export type Fixture = {
  databasePath: string
  /** Published articles with comments open, newest first, with their reader URLs. */
  articles: { id: number; path: string }[]
  sections: string[]
  words: string[]
}

/**
 * A copy of the test database for one scenario, with comment rules that store what the writers
 * send (no first-comment hold, no fill time) and the given rate limits.
 */
export async function prepareDatabase(name: string, rules: { perIpLimit: number } = { perIpLimit: 1000 }) {
  const databasePath = await copyTestDatabase(name)
  const db = new Database(databasePath)
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'comments'").pluck().get() as string | undefined
    const comments = {
      ...(row ? (JSON.parse(row) as object) : {}),
      holdFirstComment: false,
      minFillSeconds: 0,
      holdMachineNames: false,
      perIpLimit: rules.perIpLimit,
      perAccountLimit: 1000,
      closeAfterDays: 0,
    }
    db.prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES ('comments', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(JSON.stringify(comments), Date.now())
    const timezone =
      (JSON.parse(
        (db.prepare("SELECT value FROM settings WHERE key = 'timezone'").pluck().get() as string | undefined) ??
          '"Asia/Kolkata"',
      ) as string) || 'Asia/Kolkata'
    const articles = (
      db
        .prepare(
          "SELECT id, slug, published_at AS publishedAt FROM articles WHERE status = 'published' AND published_at <= ? ORDER BY published_at DESC",
        )
        .all(Date.now()) as { id: number; slug: string; publishedAt: number }[]
    ).map((a) => ({ id: a.id, path: articleUrl(a.slug, a.publishedAt, timezone) }))
    const sections = (db.prepare('SELECT slug FROM categories ORDER BY id').pluck().all() as string[]).map(
      (slug) => `/category/${slug}/`,
    )
    const titles = db.prepare('SELECT title FROM articles LIMIT 200').pluck().all() as string[]
    const words = [
      ...new Set(
        titles
          .join(' ')
          .toLowerCase()
          .split(/[^a-z]+/)
          .filter((w) => w.length > 4),
      ),
    ]
    return { databasePath, articles, sections, words } satisfies Fixture
  } finally {
    db.close()
  }
}

/** A guest comment as the article's form sends it. */
export function commentBody(articleId: number, body: string, email = 'load.reader@example.com') {
  return new URLSearchParams({
    articleId: String(articleId),
    parentId: '',
    name: 'Load Reader',
    email,
    website: '',
    body,
    t: formStamp(articleId),
  }).toString()
}

/** Signs the seeded admin in on the second server and returns its session cookie. */
export async function adminCookie() {
  const response = await signInAdmin()
  const session = response.headers
    .getSetCookie()
    .filter((c) => c.includes('session-token'))
    .map((c) => c.split(';')[0])
    .join('; ')
  if (!session) throw new Error(`Sign-in failed: ${response.status}`)
  return session
}

/** Opens a database file after a crash (recovering its WAL) and runs SQLite's integrity check. */
export function integrityCheck(databasePath: string) {
  const db = new Database(databasePath)
  try {
    return (db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('\n')
  } finally {
    db.close()
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
