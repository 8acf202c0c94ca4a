import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import fs from 'node:fs'
import path from 'node:path'
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test'
import sharp from 'sharp'
import { expectCommentRefused, writeFailureMessage } from '../comments'
import { articleUrl, testDb } from '../db'
import { admin, fillBodyHtml, signIn } from '../staff'
import { addReader, type Cluster, type Host, missingEngines, signInReader, startCluster } from './hosts'

// Three Gazette hosts behind HAProxy and Varnish on one PostgreSQL cluster and one bucket
// (./hosts.ts): what docs/scaling.md promises an operator, each promise driven through the front
// door or a host directly. `npm run test:cluster` runs this file.
test.describe.configure({ mode: 'serial' })
test.skip(missingEngines.length > 0, `apt-get install ${missingEngines.join(' ')}: cluster test skipped`)

let cluster: Cluster
let b: Host, c: Host
const reader = {
  email: 'cluster-reader@example.com',
  password: 'cluster-reader-pass',
  name: 'Ines Manyhosts',
  slug: 'ines-manyhosts',
}

test.beforeAll(async () => {
  test.setTimeout(420_000)
  cluster = await startCluster({ basePort: Number(process.env.E2E_HOSTS_PORT ?? 3240) })
  ;[, b, c] = cluster.hosts as [Host, Host, Host]
  await addReader(cluster, reader)
})

test.afterAll(async () => {
  await cluster?.stop()
})

const db = () => testDb(cluster.database)
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/** Reads a page through the front door and says what Varnish did with it. */
async function front(url: string, init?: RequestInit) {
  const response = await fetch(`${cluster.front}${url}`, init)
  return { response, body: await response.text(), cache: response.headers.get('x-cache') }
}

async function direct(host: Host, url: string) {
  const response = await fetch(`${host.url}${url}`)
  return { response, body: await response.text() }
}

/**
 * Signs staff in through the front door. Forms and actions go through it too: a host takes a post
 * only from the site's own origin (SITE_URL), never one made on a host's address.
 */
async function signInStaff(browser: Browser) {
  const page = await (await browser.newContext({ baseURL: cluster.front })).newPage()
  await signIn(page, admin.email, admin.password)
  return page
}

/** Clicks `button` and returns the host HAProxy gave the post that followed, and the others. */
async function postedThrough(page: Page, button: Locator) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST')
  await button.click()
  const name = (await posted).headers()['x-gazette-host']
  const host = cluster.hosts.find((h) => h.name === name)
  expect(host, `the post's host (X-Gazette-Host: ${name})`).toBeDefined()
  return { host: host!, others: cluster.hosts.filter((h) => h !== host) }
}

/** Writes a new article in the back office `page` is signed in to. */
async function newArticle(page: Page, button: 'Publish' | 'Schedule', publishAt?: string) {
  const title = `Harbour council votes on night ferries ${unique()}`
  await page.goto('/admin/articles/new/')
  await page.getByLabel('Title', { exact: true }).fill(title)
  await fillBodyHtml(page, '<p>The vote came after a long night of debate.</p>')
  await page.getByLabel('Category').selectOption({ label: 'Business' })
  if (publishAt) await page.getByLabel('Publish at (site time)').fill(publishAt)
  const through = await postedThrough(page, page.getByRole('button', { name: button, exact: true }))
  await expect(page.getByRole('status')).toHaveText(button === 'Publish' ? 'Published.' : 'Scheduled.')
  return { title, ...through }
}

test('a publish through one host is read fresh through the front door and on every host, and an unrelated page stays in Varnish', async ({
  browser,
}) => {
  const [first, second] = await db().all<{ id: number; slug: string; publishedAt: number }>(
    `SELECT id, slug, published_at AS publishedAt FROM articles WHERE status = 'published'
     ORDER BY published_at DESC LIMIT 2 OFFSET 3`,
  )
  const corrected = articleUrl(first!.slug, first!.publishedAt)
  const unrelated = articleUrl(second!.slug, second!.publishedAt)
  for (const url of ['/', corrected, unrelated]) {
    await front(url)
    expect((await front(url)).cache, url).toBe('HIT')
  }
  // Each host's own page cache holds them too.
  for (const host of cluster.hosts)
    for (const url of ['/', corrected]) {
      await direct(host, url)
      expect((await fetch(`${host.url}${url}`)).headers.get('x-cache'), `${host.name} ${url}`).toBe('HIT')
    }

  const editor = await signInStaff(browser)
  const published = await newArticle(editor, 'Publish')
  const fresh = await front('/')
  expect(fresh.cache).toBe('MISS')
  expect(fresh.body).toContain(published.title)
  // The hosts that did not take the publish have it on their next request.
  for (const host of published.others) expect((await direct(host, '/')).body, host.name).toContain(published.title)

  // A correction drops that article's page alone, in Varnish and on every host.
  for (const url of [corrected, unrelated]) await front(url)
  await editor.goto(`/admin/articles/${first!.id}/`)
  const correction = `A correction, read at once on every host ${unique()}.`
  await fillBodyHtml(editor, `<p>${correction}</p>`)
  const update = await postedThrough(editor, editor.getByRole('button', { name: 'Update' }))
  await expect(editor.getByRole('status')).toHaveText('Changes saved.')
  expect((await front(corrected)).body).toContain(correction)
  for (const host of update.others) expect((await direct(host, corrected)).body, host.name).toContain(correction)
  expect((await front(unrelated)).cache).toBe('HIT')
  await editor.context().close()
})

test('a reader signed in through one host stays signed in on the others and through the front door', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: cluster.front })
  const page = await context.newPage()
  await page.goto('/signin/')
  await page.getByLabel('Email').first().fill(reader.email)
  await page.getByLabel('Password', { exact: true }).fill(reader.password)
  const { others } = await postedThrough(page, page.getByRole('button', { name: 'Sign in', exact: true }))
  await page.waitForURL(/\/account\/$/)
  // The session cookie is the browser's for 127.0.0.1 whatever the port: each host must take it.
  for (const base of [...others.map((host) => host.url), cluster.front]) {
    await page.goto(`${base}/account/`)
    await expect(page).toHaveURL(`${base}/account/`)
    await expect(page.getByText(reader.email).first()).toBeVisible()
  }
  // Through the front door their pages pass Varnish, and it keeps none of them.
  const response = await page.goto(`${cluster.front}/`)
  expect(response?.headers()['x-cache']).toBe('PASS')
  expect(await page.content()).toContain(reader.name)
  expect((await front('/')).body).not.toContain(reader.name)
  await context.close()
})

test('an image uploaded through one host is in the bucket and served by another', async ({ browser }, testInfo) => {
  const photo = testInfo.outputPath('harbour.png')
  await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 20, g: 90, b: 140 } } })
    .png()
    .toFile(photo)
  const editor = await signInStaff(browser)
  await editor.goto('/admin/media/')
  await editor.getByLabel('Image file').setInputFiles(photo)
  await editor.getByLabel('Alt text').fill('The harbour at dusk')
  const { host: uploader, others } = await postedThrough(editor, editor.getByRole('button', { name: 'Upload' }))
  const server = others[0]!
  await editor.waitForURL(/\/admin\/media\/\d+\/\?uploaded=1$/)
  const renditions = editor.getByRole('list', { name: 'Renditions' }).getByRole('link')
  const hrefs = await renditions.evaluateAll((links) => links.map((link) => link.getAttribute('href')!))
  expect(hrefs.length).toBeGreaterThan(0)

  const listed = await cluster.s3.client.send(new ListObjectsV2Command({ Bucket: cluster.s3.bucket }))
  const keys = (listed.Contents ?? []).map((object) => object.Key)
  for (const href of hrefs) {
    expect(keys).toContain(href.replace(/^\/uploads\//, ''))
    const stored = Buffer.from(await (await fetch(`${uploader.url}${href}`)).arrayBuffer())
    const served = await fetch(`${server.url}${href}`)
    expect(served.status, href).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/webp')
    expect(served.headers.get('cache-control')).toContain('immutable')
    expect(Buffer.from(await served.arrayBuffer()).equals(stored), href).toBe(true)
  }
  // Nothing of it in the uploading host's own folder.
  expect(fs.existsSync(path.join(uploader.dataDir, 'uploads'))).toBe(false)
  await editor.context().close()
})

test('a scheduled article goes live once, on every host', async ({ browser }) => {
  const editor = await signInStaff(browser)
  // The form takes minutes; the row is then brought forward to go live within seconds.
  const later = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Kolkata', dateStyle: 'short', timeStyle: 'short' })
    .format(new Date(Date.now() + 3 * 60_000))
    .replace(' ', 'T')
  const { title } = await newArticle(editor, 'Schedule', later)
  const { id, slug } = (await db().get<{ id: number; slug: string }>(
    'SELECT id, slug FROM articles WHERE title = ?',
    title,
  ))!
  await db().run('UPDATE articles SET published_at = ? WHERE id = ?', Date.now() + 2000, id)
  expect((await front('/')).body).not.toContain(title)

  await expect
    .poll(async () => (await front('/')).body.includes(title), { timeout: 60_000, intervals: [1000] })
    .toBe(true)
  for (const host of cluster.hosts) expect((await direct(host, '/')).body, host.name).toContain(title)
  // Every host runs the scheduler; the lease lets one of them publish.
  await new Promise((resolve) => setTimeout(resolve, 12_000))
  const published = cluster.hosts.flatMap((host) =>
    host
      .server!.output.join('')
      .split('\n')
      .filter((line) => line.includes('published scheduled articles') && line.includes(slug))
      .map(() => host.name),
  )
  expect(published).toHaveLength(1)
  await editor.context().close()
})

type Outcome = { start: number; end: number; status: number; host: string | null }

/** Signed-in readers through the front door: every request passes Varnish and reaches a host. */
async function load(cookie: string, urls: string[], until: () => boolean, connections = 6) {
  const outcomes: Outcome[] = []
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let i = worker; !until(); i += connections) {
        const start = performance.now()
        let status = 0
        let host: string | null = null
        try {
          const response = await fetch(`${cluster.front}${urls[i % urls.length]}`, { headers: { cookie } })
          await response.arrayBuffer()
          status = response.status
          host = response.headers.get('x-gazette-host')
        } catch {}
        outcomes.push({ start, end: performance.now(), status, host })
      }
    }),
  )
  return outcomes
}

test('a host killed under load is taken out by HAProxy: only requests in flight on it can fail, none after', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const context = await browser.newContext({ baseURL: cluster.front })
  const page = await context.newPage()
  await signInReader(page, reader)
  const cookie = (await context.cookies())
    .filter((cookie) => cookie.name.startsWith('authjs.'))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ')
  await page.goto('/')
  const articles = await page
    .locator('main a[href^="/20"]')
    .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href')!))])
  const pages = ['/', '/category/business/', ...articles.slice(0, 12)]

  let stopAt = Number.POSITIVE_INFINITY
  const running = load(cookie, pages, () => performance.now() > stopAt)
  await new Promise((resolve) => setTimeout(resolve, 3000))
  const killedAt = performance.now()
  await cluster.killHost(b)
  await cluster.waitForStates({ b: 'DOWN' })
  const downAt = performance.now()
  stopAt = downAt + 3000
  const outcomes = await running
  const inFlightAtKill = outcomes.filter((o) => o.start < killedAt && o.end > killedAt).length

  const failed = outcomes.filter((o) => o.status !== 200)
  console.log(
    `Host b killed under load: ${outcomes.length} requests, ${failed.length} failed, ${inFlightAtKill} in flight ` +
      `at the kill; HAProxy marked it down after ${Math.round(downAt - killedAt)} ms`,
  )
  expect(outcomes.filter((o) => o.start < killedAt && o.host === 'b').length).toBeGreaterThan(0)
  expect(failed.length).toBeLessThanOrEqual(inFlightAtKill)
  for (const o of failed) expect(o.start).toBeLessThan(killedAt)
  expect(outcomes.filter((o) => o.start > killedAt && o.host === 'b')).toEqual([])
  expect(outcomes.filter((o) => o.start > killedAt && o.status === 200).length).toBeGreaterThan(0)

  // Back after a start, and in HAProxy's rotation again.
  await cluster.startHost(b)
  await cluster.waitForStates({ b: 'UP' })
  await context.close()
})

test('with PostgreSQL stopped for 10 s, readers keep their pages, writers get a 503 with their words kept, and all recovers without a restart', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const office = await signInStaff(browser)
  await office.goto('/admin/settings/')
  const readerPage = await (await browser.newContext({ baseURL: cluster.front })).newPage()
  await readerPage.goto('/')
  const article = (await readerPage.locator('main a[href^="/20"]').first().getAttribute('href'))!
  for (const url of ['/', article, '/category/business/']) {
    await front(url)
    expect((await front(url)).cache, url).toBe('HIT')
  }
  await readerPage.goto(article)
  await readerPage.waitForTimeout(3200)

  const tagline = `Written while the database was away ${unique()}`
  const stoppedAt = Date.now()
  await cluster.postgres.pause()
  try {
    for (const url of ['/', article, '/category/business/']) {
      const page = await front(url)
      expect(page.response.status, url).toBe(200)
      expect(page.cache, url).toBe('HIT')
    }
    // Each host's own cache answers too, for the pages it holds.
    expect((await direct(c, '/')).response.status).toBe(200)

    await expectCommentRefused(
      readerPage,
      { name: 'Otto Outage', email: 'otto@example.com', body: `Written while the database was away ${unique()}` },
      'the database server cannot be reached',
    )
    await office.getByLabel('Tagline').fill(tagline)
    const action = office.waitForResponse((r) => r.url().includes('/admin/settings') && r.request().method() === 'POST')
    await office.getByRole('button', { name: 'Save settings' }).click()
    expect((await action).status()).toBe(503)
    await expect(office.getByRole('alert').filter({ hasText: writeFailureMessage })).toBeVisible()
    await expect(office.getByLabel('Tagline')).toHaveValue(tagline)

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + 10_000 - Date.now())))
    // Every host answers its health check with a 503, and HAProxy keeps them all: the cached pages
    // of each stay in use.
    for (const host of cluster.hosts) expect((await direct(host, '/api/health/')).response.status).toBe(503)
    expect(Object.values(await cluster.hostStates())).toEqual(['UP', 'UP', 'UP'])
  } finally {
    await cluster.postgres.resume()
  }

  for (const host of cluster.hosts)
    await expect(async () => expect((await direct(host, '/api/health/')).response.status).toBe(200)).toPass({
      timeout: 30_000,
    })
  await office.getByRole('button', { name: 'Save settings' }).click()
  await expect(office.getByRole('status')).toHaveText('Settings saved.')
  await readerPage.waitForTimeout(3200)
  await readerPage.getByRole('button', { name: 'Post comment' }).click()
  await expect(readerPage.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible()
  // The new tagline is on every page, on every host.
  await expect(async () => expect((await front('/')).body).toContain(tagline)).toPass({ timeout: 15_000 })
  for (const host of cluster.hosts) expect((await direct(host, '/')).body, host.name).toContain(tagline)
  for (const host of cluster.hosts) expect(host.server!.process.exitCode, host.name).toBeNull()
  await office.context().close()
})
