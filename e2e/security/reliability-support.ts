import Database from 'better-sqlite3'
import { createHmac } from 'node:crypto'
import { articleUrl, type TestDatabase, type TestDb, testDb } from '../db'
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
  database: TestDatabase
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
  const database = await copyTestDatabase(name)
  const db = testDb(database)
  try {
    return await fixtureIn(database, db, rules)
  } finally {
    // Closed before the server starts: an open SQLite connection would keep the server's WAL behind.
    await db.close()
  }
}

async function fixtureIn(database: TestDatabase, db: TestDb, rules: { perIpLimit: number }) {
  const row = await db.value<string>("SELECT value FROM settings WHERE key = 'comments'")
  const comments = {
    ...(row ? (JSON.parse(row) as object) : {}),
    holdFirstComment: false,
    minFillSeconds: 0,
    holdMachineNames: false,
    perIpLimit: rules.perIpLimit,
    perAccountLimit: 1000,
    closeAfterDays: 0,
  }
  await db.run(
    "INSERT INTO settings (key, value, updated_at) VALUES ('comments', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    JSON.stringify(comments),
    Date.now(),
  )
  const timezone =
    (JSON.parse(
      (await db.value<string>("SELECT value FROM settings WHERE key = 'timezone'")) ?? '"Asia/Kolkata"',
    ) as string) || 'Asia/Kolkata'
  const articles = (
    await db.all<{ id: number; slug: string; publishedAt: number }>(
      "SELECT id, slug, published_at AS publishedAt FROM articles WHERE status = 'published' AND published_at <= ? ORDER BY published_at DESC",
      Date.now(),
    )
  ).map((a) => ({ id: a.id, path: articleUrl(a.slug, a.publishedAt, timezone) }))
  const sections = (await db.values<string>('SELECT slug FROM categories ORDER BY id')).map(
    (slug) => `/category/${slug}/`,
  )
  const titles = await db.values<string>('SELECT title FROM articles LIMIT 200')
  const words = [
    ...new Set(
      titles
        .join(' ')
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => w.length > 4),
    ),
  ]
  return { database, articles, sections, words } satisfies Fixture
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

/** Opens a SQLite file after a crash (recovering its WAL) and runs SQLite's integrity check. */
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
