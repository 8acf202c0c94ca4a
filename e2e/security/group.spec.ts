import { expect, test } from '@playwright/test'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { leaseTakeoverMs } from '@/lib/lease'
import { type TestDb, testDb } from '../db'
import { mailDir, smtpPort } from '../mail-server'
import { type Fixture, prepareDatabase, sleep } from './reliability-support'
import { childPids, secondPort, secondURL, type Server, startServer } from './server'

type Health = {
  server: {
    worker: number
    pid: number
    group?: { workers: { id: number; pid: number }[]; replaced: number; reloading: boolean }
    background?: { owner: string; expiresAt: string; here: boolean }
  }
}

/**
 * A GET on a connection of its own (node:cluster hands each new connection to the next worker), or
 * on one of `agent`'s kept-alive connections.
 */
const page = (path: string, agent: http.Agent | false = false, timeoutMs = 30_000) =>
  new Promise<{ status: number; cache?: string; body: string }>((resolve, reject) =>
    http
      .get(`${secondURL}${path}`, { agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, cache: res.headers['x-cache'] as string, body }))
      })
      // A connection handed to a worker as it is killed is never answered: give up on it.
      .setTimeout(timeoutMs, function (this: http.ClientRequest) {
        this.destroy(new Error(`no answer in ${timeoutMs} ms`))
      })
      .on('error', reject),
  )
const health = async () => JSON.parse((await page('/api/health/', false, 5000)).body) as Health
/** Enough requests, one after another, for each of the three workers to answer three. */
const everyWorker = async (path: string) => {
  const pages = []
  for (let i = 0; i < 9; i++) pages.push(await page(path))
  return pages
}
const mailsTo = (address: string) => fs.readdirSync(mailDir).filter((f) => f.endsWith(`-${address}.eml`))
const pidOf = (owner: string) => Number(owner.split('/')[1])
const until = async <T>(what: string, check: () => Promise<T | undefined>, ms = 30_000) => {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(200)) {
    const value = await check().catch(() => undefined)
    if (value !== undefined) return value
  }
  throw new Error(`still waiting for ${what}`)
}

/**
 * Three workers on one database, as `npm start` runs on a host with three cores: what one of them
 * or another process changes is on every worker's next page, the work that must happen once
 * happens once and moves on when its worker dies, and a reload replaces them all without a
 * refused request.
 */
test.describe('a worker group', () => {
  test.describe.configure({ mode: 'serial' })
  let fixture: Fixture
  let server: Server
  let db: TestDb
  // Addresses of this run only: the mail folder outlives a retry.
  const run = Date.now()
  const readers = [1, 2, 3].map((n) => `group.reader.${n}.${run}@example.com`)

  test.beforeAll(async () => {
    test.setTimeout(120_000)
    fixture = await prepareDatabase('group')
    db = testDb(fixture.database)
    // Three readers whose daily digest is due this hour, and a story for it.
    const now = Date.now()
    const section = (await db.value<number>('SELECT id FROM categories ORDER BY id LIMIT 1'))!
    const author = (await db.value<number>("SELECT id FROM users WHERE role = 'admin' LIMIT 1"))!
    await db.run(
      "INSERT INTO articles (slug, title, body, status, published_at, author_id, category_id, created_at, updated_at) VALUES ('group-digest-story', 'A story for the group digest', '<p>Story.</p>', 'published', ?, ?, ?, ?, ?)",
      now - 3_600_000,
      author,
      section,
      now,
      now,
    )
    for (const email of readers) {
      const id = (await db.value<number>(
        "INSERT INTO users (email, name, role, status, created_at, updated_at) VALUES (?, 'Group reader', 'reader', 'active', ?, ?) RETURNING id",
        email,
        now - 2 * 86_400_000,
        now,
      ))!
      await db.run(
        "INSERT INTO digest_subscriptions (user_id, frequency, hour, timezone, created_at, updated_at) VALUES (?, 'daily', ?, 'UTC', ?, ?)",
        id,
        new Date(now).getUTCHours(),
        now - 2 * 86_400_000,
        now,
      )
      await db.run('INSERT INTO digest_sections (user_id, category_id) VALUES (?, ?)', id, section)
    }
    server = await startServer(fixture.database, {
      WEB_CONCURRENCY: '3',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    })
    await until('three workers', async () => ((await health()).server.group?.workers.length === 3 ? true : undefined))
  })
  test.afterAll(async () => {
    await db?.close()
    await server?.stop('SIGKILL')
  })

  test('every worker answers, and one of them holds the background work', async () => {
    const seen = new Set<number>()
    for (let i = 0; i < 30 && seen.size < 3; i++) seen.add((await health()).server.worker)
    expect(seen.size).toBe(3)
    // The copied database names the test site's server as the holder: the group takes over once
    // that lease runs out, as it would from a server that died.
    const answered = await until(
      'a holder in the group',
      async () => {
        const { server: s } = await health()
        return s.group?.workers.some((w) => w.pid === pidOf(s.background?.owner ?? '')) ? s : undefined
      },
      leaseTakeoverMs + 5000,
    )
    expect(answered.group?.workers.map((w) => w.id).sort()).toEqual([...seen].sort())
    expect(server.output.join('').match(/"took the lease"/g)).toHaveLength(1)
  })

  test('a change written by another process is on every worker’s next page', async () => {
    const article = fixture.articles[0]!
    await everyWorker(article.path)
    expect((await everyWorker(article.path)).map((p) => p.cache)).toEqual(Array(9).fill('HIT'))
    const title = `Changed under the group ${Date.now()}`
    await db.run('UPDATE articles SET title = ?, updated_at = ? WHERE id = ?', title, Date.now(), article.id)
    for (const p of await everyWorker(article.path)) expect(p.body).toContain(title)
  })

  test('a scheduled article goes live once, through one worker, and every worker shows it', async () => {
    await everyWorker('/')
    const slug = `group-scheduled-${Date.now()}`
    const title = `Scheduled under the group ${Date.now()}`
    const author = (await db.value<number>("SELECT id FROM users WHERE role = 'admin' LIMIT 1"))!
    const id = (await db.value<number>(
      "INSERT INTO articles (slug, title, body, status, published_at, author_id, created_at, updated_at) VALUES (?, ?, '<p>Soon.</p>', 'scheduled', ?, ?, ?, ?) RETURNING id",
      slug,
      title,
      Date.now() + 1000,
      author,
      Date.now(),
      Date.now(),
    ))!
    await until('the article on the front page', async () =>
      (await page('/')).body.includes(title) ? true : undefined,
    )
    for (const p of await everyWorker('/')) expect(p.body).toContain(title)
    // The other workers' timers have had their turns meanwhile.
    await sleep(12_000)
    const published = await db.value(
      "SELECT count(*) FROM audit_log WHERE entity_type = 'article' AND entity_id = ? AND action LIKE 'status:%'",
      id,
    )
    expect(published).toBe(1)
    expect(server.output.join('').split(slug).length - 1).toBe(1)
  })

  test('a digest run sends each reader one mail', async () => {
    for (const reader of readers)
      await until(`a digest for ${reader}`, async () => (mailsTo(reader).length > 0 ? true : undefined))
    // Time for any other worker to have run the digests too.
    await sleep(5000)
    for (const reader of readers) expect(mailsTo(reader), reader).toHaveLength(1)
  })

  test('killing the lease holder hands the work to another worker within the bound, and replaces it', async () => {
    test.setTimeout(120_000)
    const before = (await health()).server
    const holder = pidOf(before.background!.owner)
    const killedAt = Date.now()
    process.kill(holder, 'SIGKILL')
    const taken = await until(
      'another holder',
      async () => {
        const { background } = (await health()).server
        return background && pidOf(background.owner) !== holder ? background : undefined
      },
      leaseTakeoverMs + 10_000,
    )
    const tookMs = Date.now() - killedAt
    expect(tookMs).toBeLessThanOrEqual(leaseTakeoverMs + 1000)
    expect(pidOf(taken.owner)).not.toBe(holder)
    const group = await until('a replacement worker', async () => {
      const g = (await health()).server.group
      return g && g.workers.length === 3 && !g.workers.some((w) => w.pid === holder) ? g : undefined
    })
    expect(group.replaced).toBeGreaterThanOrEqual(1)
    expect(server.output.join('')).toContain('"a worker died; replacing it"')
  })

  test('npm run reload replaces every worker, one at a time, without a refused or failed request', async () => {
    test.setTimeout(240_000)
    const before = (await health()).server.group!.workers.map((w) => w.pid)
    // The reload compiles the server first, so the new workers run the server code as it is now.
    const serverBundle = path.resolve('dist/start.cjs') // scripts/compile-server.mjs writes it
    const bundleBefore = fs.statSync(serverBundle)
    const statuses = new Map<string, number>()
    let loading = true
    // Readers on kept-alive connections too, as browsers keep them: a draining worker must not
    // close one under a request being sent on it.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 2 })
    const load = async (_: unknown, n: number) => {
      for (let i = 0; loading; i++) {
        const path = i % 2 ? '/' : fixture.articles[i % fixture.articles.length]!.path
        let outcome: string
        try {
          outcome = String((await page(path, n % 2 ? keepAlive : false)).status)
        } catch (error) {
          outcome = String(error)
        }
        statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1)
        // Steady readers, not a flood: the new workers start on the same two cores.
        await sleep(10)
      }
    }
    const loaders = Array.from({ length: 4 }, load)
    const reload = spawn(process.execPath, ['--import', 'tsx', 'scripts/reload.ts'], {
      env: {
        ...process.env,
        DATABASE_PATH: fixture.database.path,
        ...(fixture.database.url ? { DATABASE_URL: fixture.database.url } : {}),
        PORT: String(secondPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let said = ''
    reload.stdout.on('data', (d: Buffer) => (said += d.toString()))
    reload.stderr.on('data', (d: Buffer) => (said += d.toString()))
    const code = await new Promise<number | null>((resolve) => reload.once('exit', resolve))
    loading = false
    await Promise.all(loaders)
    keepAlive.destroy()
    expect(code, said).toBe(0)
    expect(said).toContain('Reloaded: 3 new workers')
    const drained = server.output.join('').match(/.*"closed".*/g)
    expect([...statuses.keys()], JSON.stringify({ statuses: [...statuses], drained })).toEqual(['200'])
    expect(statuses.get('200')).toBeGreaterThan(20)
    const after = (await health()).server.group!.workers.map((w) => w.pid)
    expect(after).toHaveLength(3)
    for (const pid of after) expect(before).not.toContain(pid)
    // Written to a new file and renamed into place, as every compile does.
    const bundleAfter = fs.statSync(serverBundle)
    expect(bundleAfter.ino).not.toBe(bundleBefore.ino)
    expect(bundleAfter.mtimeMs).toBeGreaterThan(bundleBefore.mtimeMs)
  })

  test('SIGTERM to the primary drains every worker, and the group exits 0', async () => {
    const primary = server.process.pid!
    const workers = childPids(primary)
    expect(workers).toHaveLength(3)
    process.kill(primary, 'SIGTERM')
    expect(await server.exited).toBe(0)
    expect(fs.existsSync(`${fixture.database.path}.pid`)).toBe(false)
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow()
  })
})
