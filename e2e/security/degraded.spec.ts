import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { type Browser, expect, test } from '@playwright/test'
import { expectCommentRefused } from '../comments'
import { articleUrl, onPostgres } from '../db'
import { admin } from '../staff'
import { copyTestDatabase, secondURL, type Server, startServer } from './server'

// A full disk or a database that cannot be written: readers keep their pages, writers get a 503
// that says so and keep what they typed, and the same writes go through once the fault is gone,
// all from one server process that is never restarted. See "Full disk and read-only database"
// in docs/security.md for what each fault is and why.
test.describe.configure({ mode: 'serial' })
test.skip(
  onPostgres,
  "faults of a SQLite file (full disk under it, a writer's lock); PostgreSQL's outage is in e2e/postgres/site.spec.ts",
)

const message =
  /The site cannot save changes right now \((.+)\)\. Nothing was saved; please try again in a few minutes\./

type Fault = { reason: string; healthReason: string; apply: () => void; repair: () => void }

function recentArticles(file: string) {
  const db = new Database(file, { readonly: true })
  const rows = db
    .prepare(
      `SELECT slug, published_at AS publishedAt FROM articles
       WHERE status = 'published' AND comments_open = 1 ORDER BY published_at DESC LIMIT 3`,
    )
    .all() as { slug: string; publishedAt: number }[]
  db.close()
  return rows.map((r) => `${secondURL}${articleUrl(r.slug, r.publishedAt)}`)
}

async function get(url: string) {
  const response = await fetch(url)
  await response.arrayBuffer()
  return response
}

/** The whole journey on one running server: before, during and after the fault. */
async function journey(browser: Browser, server: Server, file: string, fault: Fault) {
  const [cached, uncached, commented] = recentArticles(file)
  // Pages readers already asked for are in the page cache when the fault comes.
  for (const url of [`${secondURL}/`, cached!]) {
    await get(url)
    expect((await get(url)).headers.get('x-cache')).toBe('HIT')
  }

  const context = await browser.newContext()
  const page = await context.newPage()
  const serverErrors: string[] = []
  page.on('response', (r) => {
    if (r.status() >= 500 && r.status() !== 503) serverErrors.push(`${r.status()} ${r.url()}`)
  })

  fault.apply()
  try {
    // Readers: cached pages, and pages rendered now from reads alone.
    for (const url of [`${secondURL}/`, cached!]) {
      const response = await get(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-cache')).toBe('HIT')
    }
    for (const url of [uncached!, `${secondURL}/search/?q=council`]) expect((await get(url)).status).toBe(200)

    // A comment: 503 with Retry-After, the reason, and the form again with what was typed.
    const body = `Written while the server could not save, ${Date.now()}.`
    await page.goto(commented!)
    await expectCommentRefused(page, { name: 'Dana Disk', email: 'dana@example.com', body }, fault.reason)

    // Sign-in still works: it reads the account, and a failure count it cannot write is skipped.
    const office = await context.newPage()
    await office.goto(`${secondURL}/admin/login/`)
    await office.getByLabel('Email').fill(admin.email)
    await office.getByLabel('Password').fill(admin.password)
    await office.getByRole('button', { name: 'Sign in' }).click()
    await office.waitForURL(/\/admin\/$/)

    // A one-click button whose action does not catch the failure: Next's error, sent as a 503.
    await office.goto(`${secondURL}/admin/sections/`)
    const move = office.waitForResponse((r) => r.url().includes('/admin/sections') && r.request().method() === 'POST')
    await office
      .getByRole('button', { name: /^Move .+ down$/ })
      .first()
      .click()
    expect((await move).status()).toBe(503)

    // A back-office save: the form's own error, the values kept, and a 503 on the action's POST.
    const tagline = `Written while full ${Date.now()}`
    await office.goto(`${secondURL}/admin/settings/`)
    await office.getByLabel('Tagline').fill(tagline)
    const action = office.waitForResponse((r) => r.url().includes('/admin/settings') && r.request().method() === 'POST')
    await office.getByRole('button', { name: 'Save settings' }).click()
    expect((await action).status()).toBe(503)
    await expect(office.getByRole('alert').filter({ hasText: message })).toBeVisible()
    await expect(office.getByLabel('Tagline')).toHaveValue(tagline)

    const health = await fetch(`${secondURL}/api/health/`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({
      status: 'degraded',
      database: { readable: true, writable: false, writeFailure: fault.healthReason },
    })
  } finally {
    fault.repair()
  }

  // Recovery, same process: the kept comment form is sent again, the settings form saved again.
  await page.waitForTimeout(3200) // the comment form's minimum fill time, from its new stamp
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
  const office = context.pages()[1]!
  await office.getByRole('button', { name: 'Save settings' }).click()
  await expect(office.getByRole('status')).toHaveText('Settings saved.')
  expect((await get(`${secondURL}/`)).status).toBe(200)
  const health = await (await fetch(`${secondURL}/api/health/`)).json()
  expect(health.database).toMatchObject({ readable: true, writable: true })
  expect(health.database.writeFailure).toBeUndefined()
  await context.close()

  expect(serverErrors).toEqual([])
  expect(server.process.exitCode).toBeNull()
}

/** What the server logged: one line when writes started failing, one when they worked again. */
function checkLog(server: Server) {
  const output = server.output.join('')
  const lines = output.split('\n').filter((l) => l.startsWith('{'))
  const messages = lines.map((l) => (JSON.parse(l) as { message: string }).message)
  expect(messages.filter((m) => m === 'database writes failing')).toHaveLength(1)
  expect(messages.filter((m) => m === 'database writes working again')).toHaveLength(1)
  // Next prints the error of the one action that does not catch it (the section move); every
  // other failed write was answered without a stack trace.
  const traces = output.match(/SqliteError[^\n]*\n(?:\s+at [^\n]+\n)+/g) ?? []
  expect(traces).toHaveLength(1)
  expect(traces[0]).toContain('sections/actions.ts')
  expect(output.replace(traces[0]!, '')).not.toMatch(/SqliteError|\n\s+at .+:\d+:\d+/)
}

test('a full disk: readers read, writers get a 503 and keep their text, and it recovers without a restart', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  // A real full disk: the database on a small tmpfs, filled to the last byte. Needs mount (root
  // with CAP_SYS_ADMIN); a container without it skips this one and still runs the locked case.
  const dir = path.resolve('e2e/.data/degraded-full')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const source = new Database(path.resolve('e2e/.data/test.db'), { readonly: true })
  const bytes = fs.statSync(source.name).size + 8 * 1024 * 1024
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'gazette-full', dir], { stdio: 'pipe' })
  } catch (error) {
    source.close()
    test.skip(true, `tmpfs cannot be mounted here: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`)
  }
  let server: Server | undefined
  try {
    const file = path.join(dir, 'test.db')
    await source.backup(file)
    source.close()
    server = await startServer({ path: file }, { BACKUP_DIR: path.resolve('e2e/.data/degraded-full-backups') })
    const filler = path.join(dir, 'filler')
    await journey(browser, server, file, {
      reason: 'the disk is full',
      healthReason: 'full',
      apply() {
        // An empty WAL first, so no write can reuse space it already holds.
        const db = new Database(file)
        db.pragma('busy_timeout = 5000')
        db.pragma('wal_checkpoint(TRUNCATE)')
        db.close()
        const fd = fs.openSync(filler, 'w')
        const chunk = Buffer.alloc(64 * 1024)
        try {
          for (;;) fs.writeSync(fd, chunk)
        } catch (error) {
          expect((error as { code: string }).code).toBe('ENOSPC')
        } finally {
          fs.closeSync(fd)
        }
      },
      repair: () => fs.rmSync(filler, { force: true }),
    })
    await server.stop()
    checkLog(server)
  } finally {
    await server?.stop()
    execFileSync('umount', ['-l', dir])
  }
})

test('another process holding the write lock: writers get a 503 after the busy timeout, and it recovers', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const { path: file } = await copyTestDatabase('degraded-locked')
  // Each refused write waits the whole busy timeout: a second instead of the default five.
  const server = await startServer({ path: file }, { DATABASE_BUSY_TIMEOUT_MS: '1000' })
  let holder: Database.Database | undefined
  try {
    await journey(browser, server, file, {
      reason: 'the database is busy with other work',
      healthReason: 'busy',
      apply() {
        holder = new Database(file)
        holder.exec('BEGIN IMMEDIATE')
      },
      repair() {
        holder?.exec('ROLLBACK')
        holder?.close()
      },
    })
  } finally {
    await server.stop()
  }
  checkLog(server)
})
