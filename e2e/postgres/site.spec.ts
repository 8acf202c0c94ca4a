import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import pg from 'pg'
import { startPostgres, startStandby, type TestPostgres } from '../../db/test-postgres'
import { expectCommentRefused, writeFailureMessage as message } from '../comments'
import { linkIn, waitForMail } from '../mail'
import { smtpPort } from '../mail-server'
import { type Server, startServer } from '../security/server'
import { admin, fillBodyHtml } from '../staff'

// The same site on PostgreSQL: a cluster this file starts and removes, seeded by the same script
// operators run, and one server in front of it. Readers, the back office, reader accounts and
// comments, then the database server stopped under a running site and started again, a
// standby's server that cannot write until the standby is promoted, and a full disk.
test.describe.configure({ mode: 'serial' })

const port = Number(process.env.E2E_POSTGRES_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 116)
const site = `http://127.0.0.1:${port}`

let postgres: TestPostgres
let server: Server
let env: Record<string, string> & { DATABASE_PATH: string }
// What a test starts beyond the cluster and its server (a standby, a mounted disk), undone last
// first: by the test, or by afterAll when the test stopped midway.
const undo: (() => Promise<unknown>)[] = []
async function undoAll() {
  while (undo.length) await undo.pop()!().catch(() => {})
}

test.beforeAll(async () => {
  test.setTimeout(240_000)
  postgres = await startPostgres()
  const dataDir = path.resolve('e2e/.data/postgres')
  fs.rmSync(dataDir, { recursive: true, force: true })
  env = {
    DATABASE_URL: postgres.url,
    // The data folder (uploads, outbox) still lives beside this path.
    DATABASE_PATH: path.join(dataDir, 'gazette.db'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    TRUST_PROXY: '1',
  }
  // Seeded before the server starts, since seeding takes longer than a server is given to start.
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--articles', '60'], {
    env: { ...process.env, ...env, ADMIN_PASSWORD: admin.password, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 180_000,
  })
  expect(seed.status, seed.stderr + seed.stdout).toBe(0)
  server = await startServer({ path: env.DATABASE_PATH, url: postgres.url }, env, port)
  expect(server.output.join('')).toContain(`Database: PostgreSQL ${postgres.url}`)
})

test.afterAll(async () => {
  await undoAll()
  await server?.stop()
  await postgres?.stop()
})

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const freshIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`

async function newPage(browser: Browser, baseURL = site) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': freshIp() } })
  return context.newPage()
}

async function signInStaff(page: Page) {
  await page.goto('/admin/login/')
  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password').fill(admin.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/admin\/$/)
}

/** Responses in the 5xx range other than a 503, which the site answers only to refuse a write. */
function serverErrorsOf(...pages: Page[]) {
  const errors: string[] = []
  for (const page of pages)
    page.on('response', (r) => {
      if (r.status() >= 500 && r.status() !== 503) errors.push(`${r.status()} ${r.url()}`)
    })
  return errors
}

/** Waits out what is left of the comment form's minimum fill time after it was loaded at `since`. */
const fillTimeFrom = (page: Page, since: number) => page.waitForTimeout(Math.max(0, since + 3200 - Date.now()))

async function firstArticle(page: Page) {
  await page.goto('/')
  const link = page.locator('main a[href^="/20"]').first()
  return (await link.getAttribute('href'))!
}

test('readers get the front page, articles, sections, search, feeds and sitemaps', async ({ browser }) => {
  const page = await newPage(browser)
  const href = await firstArticle(page)
  await page.goto(href)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const section = page.locator('article header a[href^="/category/"]').first()
  await section.click()
  await expect(page).toHaveURL(/\/category\/[^/]+\/$/)
  await expect(page.locator('main a[href^="/20"]').first()).toBeVisible()

  await page.goto('/search/?q=market')
  await expect(page.getByText(/^\d[\d,]* articles?/)).toBeVisible()
  await expect(page.locator('main mark').first()).toBeVisible()
  // Anything typed is a search, never an error.
  for (const q of [`'; DROP TABLE articles; --`, '"unbalanced', 'a & | ! :* <->', 'the']) {
    const response = await page.goto(`/search/?q=${encodeURIComponent(q)}`)
    expect(response!.status(), q).toBe(200)
  }

  for (const [url, marker] of [
    ['/feed/', '<rss'],
    ['/feed/atom/', '<feed'],
    ['/sitemap.xml', '<sitemapindex'],
    ['/news-sitemap.xml', '<urlset'],
  ] as const) {
    const response = await page.request.get(url)
    expect(response.status(), url).toBe(200)
    expect(await response.text(), url).toContain(marker)
  }
  const health = await (await page.request.get('/api/health/')).json()
  expect(health).toMatchObject({ status: 'ok', database: { readable: true, writable: true } })
})

test('an editor publishes an article that readers see and find at once', async ({ browser }) => {
  const reader = await newPage(browser)
  await reader.goto('/')
  // The front page is now in the page cache: the publish must purge it.
  expect((await reader.request.get('/')).headers()['x-cache']).toBe('HIT')

  const office = await newPage(browser)
  await signInStaff(office)
  const title = `Tidal barrage opens at Port Aravind ${unique()}`
  await office.goto('/admin/articles/new/')
  await office.getByLabel('Title', { exact: true }).fill(title)
  await office.getByLabel('Standfirst').fill('The barrage closes for the first spring tide.')
  await fillBodyHtml(office, '<p>Engineers watched the gates close.</p><script>alert(1)</script>')
  await office.getByLabel('Category').selectOption({ label: 'Business' })
  await office.getByLabel('Tags').fill('Barrage, Port Aravind')
  await office.getByRole('button', { name: 'Publish' }).click()
  await expect(office.getByRole('status')).toHaveText('Published.')

  await reader.goto('/')
  await reader.getByRole('link', { name: title }).first().click()
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title)
  expect(await reader.locator('article .prose').innerHTML()).not.toContain('script')
  await reader.goto(`/search/?q=${encodeURIComponent('barrage gates')}`)
  await expect(reader.locator('#main').getByRole('link', { name: title })).toBeVisible()
})

test('a reader signs up, saves an article and comments', async ({ browser }) => {
  const page = await newPage(browser)
  const email = `pg-reader-${unique()}@example.com`
  await page.goto('/signup/')
  await expect(async () => {
    await page.getByLabel('Name').fill('Pia Postgres')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password', { exact: true }).fill('pg-reader-password')
    await expect(page.getByLabel('Name')).toHaveValue('Pia Postgres', { timeout: 500 })
  }).toPass()
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Check your inbox' })).toBeVisible()
  const mail = await waitForMail(email, /Confirm your e-mail address/)
  await page.goto(linkIn(mail.text, '/verify/').replace(/^https?:\/\/[^/]+/, site))
  await page.getByRole('button', { name: 'Confirm and sign in' }).click()
  await page.waitForURL(/\/account\/\?welcome=1$/)

  const href = await firstArticle(page)
  await page.goto(href)
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
  await page.getByRole('button', { name: `Save: ${title}` }).click()
  await expect(page.getByRole('button', { name: `Saved: ${title}` })).toBeVisible()
  await page.goto('/account/lists/')
  await expect(page.getByRole('link', { name: title })).toBeVisible()

  const body = `Good to see the paper on a new engine, ${unique()}.`
  await page.goto(href)
  await page.waitForTimeout(3200) // the comment form's minimum fill time
  await page.getByRole('textbox', { name: 'Comment' }).fill(body)
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()

  const office = await newPage(browser)
  await signInStaff(office)
  await office.goto('/admin/comments/')
  await expect(office.getByText(body)).toBeVisible()
})

test('with the database server stopped, readers keep cached pages, writers get a 503 and keep their words, and all recovers without a restart', async ({
  browser,
}) => {
  const page = await newPage(browser)
  const href = await firstArticle(page)
  for (const url of ['/', href]) {
    await page.request.get(url)
    expect((await page.request.get(url)).headers()['x-cache']).toBe('HIT')
  }
  const office = await newPage(browser)
  await signInStaff(office)
  await office.goto('/admin/settings/')
  await page.goto(href)
  await page.waitForTimeout(3200)

  const serverErrors = serverErrorsOf(page, office)

  await postgres.pause()
  try {
    for (const url of ['/', href]) {
      const response = await page.request.get(url)
      expect(response.status(), url).toBe(200)
      expect(response.headers()['x-cache'], url).toBe('HIT')
    }

    // A page no one has asked for yet cannot be rendered: a 503 to come back later, not an error.
    const uncached = await page.request.get(`/search/?q=${unique()}`)
    expect(uncached.status()).toBe(503)
    expect(uncached.headers()['retry-after']).toBe('120')

    const body = `Written while the database was away, ${unique()}.`
    const comment = { name: 'Otto Outage', email: 'otto@example.com', body }
    await expectCommentRefused(page, comment, 'the database server cannot be reached')

    const tagline = `Written while the database was away ${unique()}`
    await office.getByLabel('Tagline').fill(tagline)
    const action = office.waitForResponse((r) => r.url().includes('/admin/settings') && r.request().method() === 'POST')
    await office.getByRole('button', { name: 'Save settings' }).click()
    expect((await action).status()).toBe(503)
    await expect(office.getByRole('alert').filter({ hasText: message })).toBeVisible()
    await expect(office.getByLabel('Tagline')).toHaveValue(tagline)

    const health = await page.request.get('/api/health/')
    expect(health.status()).toBe(503)
    expect(await health.json()).toMatchObject({ status: 'down', database: { readable: false, writable: false } })
  } finally {
    await postgres.resume()
  }

  // The same process, the same pool: the kept forms go through once the server is back.
  await expect(async () => {
    const health = await (await page.request.get('/api/health/')).json()
    expect(health).toMatchObject({ status: 'ok', database: { readable: true, writable: true } })
  }).toPass({ timeout: 30_000 })
  await office.getByRole('button', { name: 'Save settings' }).click()
  await expect(office.getByRole('status')).toHaveText('Settings saved.')
  await page.waitForTimeout(3200)
  await page.getByRole('button', { name: 'Post comment' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
  expect((await page.request.get('/')).status()).toBe(200)

  expect(serverErrors).toEqual([])
  expect(server.process.exitCode).toBeNull()
})

test('a server on a standby serves readers and refuses writes, and takes them once the standby is promoted, without a restart', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const standby = await startStandby(postgres)
  undo.push(() => standby.stop())
  try {
    const replicaPort = Number(process.env.E2E_POSTGRES_STANDBY_PORT ?? port + 1)
    const dataDir = path.resolve('e2e/.data/postgres-standby')
    fs.rmSync(dataDir, { recursive: true, force: true })
    const replica = await startServer(
      { path: path.join(dataDir, 'gazette.db'), url: standby.url },
      { ...env, DATABASE_URL: standby.url, DATABASE_PATH: path.join(dataDir, 'gazette.db') },
      replicaPort,
    )
    undo.push(() => replica.stop())
    const page = await newPage(browser, `http://127.0.0.1:${replicaPort}`)
    const office = await newPage(browser, `http://127.0.0.1:${replicaPort}`)
    const serverErrors = serverErrorsOf(page, office)
    const href = await firstArticle(page)
    await page.goto(href)
    const loaded = Date.now()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

    await signInStaff(office)
    await office.goto('/admin/settings/')
    const tagline = `Written on a standby ${unique()}`
    await office.getByLabel('Tagline').fill(tagline)
    const action = office.waitForResponse((r) => r.url().includes('/admin/settings') && r.request().method() === 'POST')
    await office.getByRole('button', { name: 'Save settings' }).click()
    expect((await action).status()).toBe(503)
    await expect(office.getByRole('alert').filter({ hasText: message })).toBeVisible()
    await expect(office.getByRole('alert').filter({ hasText: message })).toContainText('the database is read-only')
    await expect(office.getByLabel('Tagline')).toHaveValue(tagline)

    await fillTimeFrom(page, loaded)
    const comment = { name: 'Stella Standby', email: 'stella@example.com', body: `Sent to a standby, ${unique()}.` }
    await expectCommentRefused(page, comment, 'the database is read-only')

    const health = await page.request.get('/api/health/')
    expect(health.status()).toBe(503)
    expect(await health.json()).toMatchObject({
      status: 'degraded',
      database: { readable: true, writable: false, writeFailure: 'readonly' },
    })

    await standby.promote()
    await expect(async () => {
      const health = await (await page.request.get('/api/health/')).json()
      expect(health).toMatchObject({ status: 'ok', database: { readable: true, writable: true } })
    }).toPass({ timeout: 30_000 })
    await page.waitForTimeout(3200) // the comment form's minimum fill time, from its new stamp
    await page.getByRole('button', { name: 'Post comment' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
    await office.getByRole('button', { name: 'Save settings' }).click()
    await expect(office.getByRole('status')).toHaveText('Settings saved.')
    expect(serverErrors).toEqual([])
    expect(replica.process.exitCode).toBeNull()
  } finally {
    await undoAll()
  }
})

test('with the disk under the comments table full, a comment gets a 503 and keeps its text, and posts once there is room, without a restart', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  // A real full disk: a small tmpfs as the table's tablespace. The WAL stays on the cluster's own
  // disk, since PostgreSQL stops when it cannot write that. Needs mount (root with CAP_SYS_ADMIN).
  const disk = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-pg-full-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=700', 'gazette-pg-full', disk], { stdio: 'pipe' })
  } catch (error) {
    fs.rmSync(disk, { recursive: true, force: true })
    test.skip(true, `tmpfs cannot be mounted here: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`)
  }
  undo.push(async () => {
    execFileSync('umount', ['-l', disk])
    fs.rmSync(disk, { recursive: true, force: true })
  })
  const owner = fs.statSync(postgres.dir)
  fs.chownSync(disk, owner.uid, owner.gid)
  const filler = path.join(disk, 'filler')
  const db = new pg.Client({ connectionString: postgres.url })
  await db.connect()
  undo.push(async () => {
    fs.rmSync(filler, { force: true })
    await db.query(`DELETE FROM comments WHERE author_name = '' AND body = ''`).catch(() => {})
    await db.query('ALTER TABLE comments SET TABLESPACE pg_default').catch(() => {})
    await db.query('DROP TABLESPACE IF EXISTS full_disk').catch(() => {})
    await db.end()
  })
  try {
    await db.query(`CREATE TABLESPACE full_disk LOCATION ${db.escapeLiteral(disk)}`)
    // The table only: its indexes stay behind, so the one write that needs room is the new row.
    await db.query('ALTER TABLE comments SET TABLESPACE full_disk')

    const page = await newPage(browser)
    const serverErrors = serverErrorsOf(page)
    const href = await firstArticle(page)
    await page.goto(href)
    const loaded = Date.now()

    const fd = fs.openSync(filler, 'w')
    try {
      for (const chunk = Buffer.alloc(64 * 1024); ;) fs.writeSync(fd, chunk)
    } catch (error) {
      expect((error as { code: string }).code).toBe('ENOSPC')
    } finally {
      fs.closeSync(fd)
    }
    // The table's last pages may still hold a small row: fill them with empty spam, so a comment
    // needs a new page as it would on a disk that filled up under a busy site.
    await db.query(`DO $$
      DECLARE article integer := (SELECT min(id) FROM articles);
      BEGIN
        FOR i IN 1..10000 LOOP
          BEGIN
            INSERT INTO comments (article_id, author_name, body, status) VALUES (article, '', '', 'spam');
          EXCEPTION WHEN disk_full THEN RETURN;
          END;
        END LOOP;
        RAISE 'the comments table never ran out of room';
      END $$`)

    await fillTimeFrom(page, loaded)
    const comment = { name: 'Fran Full', email: 'fran@example.com', body: `Written on a full disk, ${unique()}.` }
    await expectCommentRefused(page, comment, 'the disk is full')
    const health = await page.request.get('/api/health/')
    expect(health.status()).toBe(503)
    expect(await health.json()).toMatchObject({
      status: 'degraded',
      database: { readable: true, writable: false, writeFailure: 'full' },
    })

    fs.rmSync(filler)
    await page.waitForTimeout(3200) // the comment form's minimum fill time, from its new stamp
    await page.getByRole('button', { name: 'Post comment' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
    const recovered = await (await page.request.get('/api/health/')).json()
    expect(recovered).toMatchObject({ status: 'ok', database: { readable: true, writable: true } })
    expect(serverErrors).toEqual([])
    expect(server.process.exitCode).toBeNull()
  } finally {
    await undoAll()
  }
})
