import { hash } from '@node-rs/argon2'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'
import { articleUrl, type TestDatabase, testDb } from '../db'
import { copyTestDatabase, type Server, startServer } from '../security/server'
import { admin, fillBodyHtml } from '../staff'

// Varnish with xkey, run from docs/varnish/gazette.vcl, in front of a Gazette group of two
// workers on a copy of the test database. Gazette also purges a recording server, to count what
// each change sent.
test.describe.configure({ mode: 'serial' })

const varnishd = ['/usr/sbin/varnishd', '/usr/local/sbin/varnishd'].find((file) => fs.existsSync(file))
test.skip(!varnishd, 'varnishd is not installed (apt-get install varnish varnish-modules): shared cache test skipped')

const gazettePort = Number(process.env.E2E_CLUSTER_PORT ?? 3218)
const varnishPort = gazettePort + 1
const gazette = `http://127.0.0.1:${gazettePort}`
const varnish = `http://127.0.0.1:${varnishPort}`
const reader = { email: `varnish-reader@example.com`, password: 'varnish-reader-pass', name: 'Rukmini Varnishwala' }

let server: Server
let database: TestDatabase
let workDir: string
let recorder: http.Server
const recorded: string[][] = []

function startVarnish() {
  const vcl = fs
    .readFileSync(path.resolve('docs/varnish/gazette.vcl'), 'utf8')
    .replace('.port = "3000";', `.port = "${gazettePort}";`)
  fs.writeFileSync(path.join(workDir, 'gazette.vcl'), vcl)
  const started = spawnSync(
    varnishd!,
    [
      ...['-a', `127.0.0.1:${varnishPort}`, '-f', path.join(workDir, 'gazette.vcl')],
      ...['-n', path.join(workDir, 'varnish'), '-s', 'malloc,64m', '-P', path.join(workDir, 'varnishd.pid')],
    ],
    { encoding: 'utf8', timeout: 30_000 },
  )
  expect(started.status, started.stderr + started.stdout).toBe(0)
}

async function stopVarnish() {
  const pidFile = path.join(workDir, 'varnishd.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8'))
  try {
    process.kill(pid, 'SIGTERM')
  } catch {}
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  fs.rmSync(pidFile, { force: true })
}

/** Reads a page through Varnish and says what Varnish did with it. */
async function get(url: string, init?: RequestInit) {
  const response = await fetch(`${varnish}${url}`, init)
  const body = await response.text()
  return { response, body, cache: response.headers.get('x-cache') }
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

function query<T>(sql: string, ...params: (string | number)[]) {
  return testDb(database).get<T>(sql, ...params)
}

const sentTimes = (tag: string) => recorded.filter((tags) => tags.includes(tag)).length

async function signInAdmin(browser: Browser, base: string) {
  const page = await (await browser.newContext({ baseURL: base })).newPage()
  await page.goto('/admin/login/')
  await page.getByLabel('Email').fill(admin.email)
  await page.getByLabel('Password').fill(admin.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/admin\/$/)
  return page
}

async function editBody(page: Page, articleId: number, text: string) {
  await page.goto(`/admin/articles/${articleId}/`)
  await fillBodyHtml(page, `<p>${text}</p>`)
  await page.getByRole('button', { name: 'Update' }).click()
  await expect(page.getByRole('status')).toHaveText('Changes saved.')
}

let first: { url: string; id: number }
let second: { url: string; id: number }
const section = '/category/business/'

test.beforeAll(async () => {
  test.setTimeout(120_000)
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-varnish-'))
  // varnishd reads the VCL after dropping root for its own user.
  fs.chmodSync(workDir, 0o755)
  database = await copyTestDatabase('shared-cache')
  const db = testDb(database)
  // The copy is taken while other specs run: an article one of them scheduled would go live here
  // mid-test and purge every listing, which this file's HIT/MISS checks must not see.
  await db.run("UPDATE articles SET status = 'draft' WHERE status = 'scheduled'")
  // Varnish starts empty: the purges seeding and the other specs wrote are owed to no cache here.
  // Left unsent, the first server would send them all while the tests below fill the cache.
  await db.run('UPDATE cache_purges SET sent_at = ? WHERE sent_at IS NULL', Date.now())
  await db.run(
    `INSERT INTO users (email, name, slug, role, password_hash, email_verified_at) VALUES (?, ?, ?, 'reader', ?, ?)`,
    reader.email,
    reader.name,
    'varnish-reader',
    await hash(reader.password),
    Date.now(),
  )
  const rows = await db.all<{ id: number; slug: string; publishedAt: number }>(
    `SELECT id, slug, published_at AS publishedAt FROM articles WHERE status = 'published'
     ORDER BY published_at DESC LIMIT 2 OFFSET 5`,
  )
  recorder = http.createServer((req, res) => {
    if (req.method === 'PURGE') recorded.push(String(req.headers['xkey-purge'] ?? '').split(' '))
    res.writeHead(200).end()
  })
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
  const recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`
  startVarnish()
  server = await startServer(
    database,
    { CACHE_PURGE_URLS: `${varnish}/,${recorderUrl}`, WEB_CONCURRENCY: '2' },
    gazettePort,
  )
  ;[first, second] = rows.map((row) => ({ id: row.id, url: articleUrl(row.slug, row.publishedAt) })) as [
    typeof first,
    typeof first,
  ]
})

test.afterAll(async () => {
  await server?.stop()
  await stopVarnish()
  await new Promise((resolve) => recorder?.close(resolve))
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true })
})

test('an anonymous reader page is stored once and served from Varnish, its tags kept to Varnish', async () => {
  for (const url of ['/', first.url, second.url, section]) {
    const miss = await get(url)
    expect(miss.response.status, url).toBe(200)
    expect(miss.response.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=600,/)
    const hit = await get(url)
    expect(hit.cache, url).toBe('HIT')
    // Two transaction ids on a hit: this request's and the one that stored the object.
    expect(hit.response.headers.get('x-varnish')).toMatch(/^\d+ \d+$/)
    expect(Number(hit.response.headers.get('age'))).toBeGreaterThanOrEqual(0)
    expect(hit.response.headers.get('xkey')).toBeNull()
    expect(hit.body).toBe(miss.body)
  }
  // A shared link's campaign tags change nothing: the same object answers.
  const tagged = await get(`${first.url}?utm_source=newsletter&utm_medium=email&fbclid=IwAR0`)
  expect(tagged.cache).toBe('HIT')
  expect(tagged.body).toBe((await get(first.url)).body)
  expect((await get(`${section}?q=budget&utm_campaign=am`)).cache).toBe('MISS')
  expect((await get(`${section}?utm_campaign=am&q=budget`)).cache).toBe('HIT')
  const direct = await fetch(`${gazette}${first.url}`)
  await direct.arrayBuffer()
  expect(direct.headers.get('xkey')?.split(' ')).toEqual(
    expect.arrayContaining([`article:${first.id}`, `comments:${first.id}`, 'layout', 'list']),
  )
})

test('a signed-in reader’s page passes Varnish and never reaches another reader', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: varnish })
  const page = await context.newPage()
  await page.goto('/signin/')
  await page.getByLabel('Email').first().fill(reader.email)
  await page.getByLabel('Password', { exact: true }).fill(reader.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL(/\/account\/$/)
  for (let i = 0; i < 2; i++) {
    const response = await page.goto(first.url)
    expect(response?.headers()['x-cache']).toBe('PASS')
    expect(response?.headers()['cache-control']).toMatch(/^private/)
    expect(await page.content()).toContain(reader.name)
  }
  const anonymous = await get(first.url)
  expect(anonymous.cache).toBe('HIT')
  expect(anonymous.body).not.toContain(reader.name)
  // Cookies other than the session do not split or skip the cache.
  const withCookies = await get(first.url, { headers: { cookie: 'consent=yes; authjs.csrf-token=abc' } })
  expect(withCookies.cache).toBe('HIT')
  await context.close()
})

test('an edit purges exactly the pages showing it, once, whichever worker noticed', async ({ browser }) => {
  const editor = await signInAdmin(browser, varnish)
  const before = sentTimes(`article:${first.id}`)
  await editBody(editor, first.id, 'A correction, read at once through the shared cache.')
  await until(async () => (await get(first.url)).cache === 'MISS', 'the edited article to be purged')
  expect((await get(first.url)).body).toContain('A correction, read at once through the shared cache.')
  // Only the article's own tag changed: other pages stay in Varnish.
  for (const url of ['/', second.url, section]) expect((await get(url)).cache, url).toBe('HIT')
  expect(sentTimes(`article:${first.id}`)).toBe(before + 1)

  // A title shows on cards: the listings go too.
  await editor.goto(`/admin/articles/${first.id}/`)
  await editor.getByLabel('Title', { exact: true }).fill(`Corrected headline ${Date.now()}`)
  await editor.getByRole('button', { name: 'Update' }).click()
  await expect(editor.getByRole('status')).toHaveText('Changes saved.')
  await until(async () => (await get(section)).cache === 'MISS', 'the section to be purged')
  expect((await get('/')).cache).toBe('MISS')
  expect((await get(first.url)).cache).toBe('MISS')
  await editor.context().close()
})

test('a purge made while Varnish is down reaches it once it is back', async ({ browser }) => {
  await stopVarnish()
  const editor = await signInAdmin(browser, gazette)
  const tag = `article:${second.id}`
  const before = sentTimes(tag)
  await editBody(editor, second.id, 'Changed while the cache was away.')
  const owed = () =>
    query<{ sent: number | null; owedTo: string | null } | undefined>(
      'SELECT sent_at AS sent, owed_to AS owedTo FROM cache_purges WHERE tag = ? ORDER BY id DESC LIMIT 1',
      tag,
    )
  await until(async () => (await owed())?.owedTo === `${varnish}/`, 'the purge to be kept for Varnish')
  expect((await owed())?.sent).toBeNull()
  // The cache that was up got it once, and is not sent it again.
  expect(sentTimes(tag)).toBe(before + 1)

  startVarnish()
  await until(async () => (await owed())?.sent != null, 'the kept purge to be sent', 40_000)
  const log = spawnSync('varnishlog', ['-n', path.join(workDir, 'varnish'), '-d', '-g', 'raw', '-i', 'ReqHeader'], {
    encoding: 'utf8',
    timeout: 10_000,
  })
  expect(log.stdout).toMatch(new RegExp(`xkey-purge: .*\\b${tag}\\b`))
  expect(sentTimes(tag)).toBe(before + 1)
  await editor.context().close()
})
