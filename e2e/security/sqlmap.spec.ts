import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { articleUrl, testDb } from '../db'

const full = !!process.env.SECURITY_FULL
const sqlmap = ['/usr/bin/sqlmap', '/usr/local/bin/sqlmap'].find((f) => fs.existsSync(f))

type Target = { name: string; args: string[] }

function run(target: Target, outputDir: string) {
  const traffic = path.join(outputDir, `${target.name}.traffic.txt`)
  const args = [
    ...target.args,
    '--batch',
    '--level=3',
    '--risk=1',
    '--threads=4',
    '--flush-session',
    '--disable-coloring',
    `--output-dir=${outputDir}`,
    `-t`,
    traffic,
  ]
  return new Promise<{ output: string; ms: number; requests: number }>((resolve, reject) => {
    const started = performance.now()
    const child = spawn(sqlmap!, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => chunks.push(d))
    child.stderr.on('data', (d: Buffer) => chunks.push(d))
    child.on('error', reject)
    child.on('close', () => {
      const output = Buffer.concat(chunks).toString()
      fs.writeFileSync(path.join(outputDir, `${target.name}.log`), output)
      const requests = fs.existsSync(traffic)
        ? (fs.readFileSync(traffic, 'utf8').match(/^HTTP request \[#\d+\]/gm) ?? []).length
        : NaN
      resolve({ output, ms: performance.now() - started, requests })
    })
  })
}

/**
 * sqlmap at level 3 (GET/POST parameters, path segments marked with *, User-Agent and Referer)
 * against every reader input that reaches a query. Each new URL is a full render, so this runs
 * only in the full suite (SECURITY_FULL=1, npm run test:security), and needs sqlmap installed.
 */
test('sqlmap finds no injectable parameter in search, listings, archives, articles or comments', async () => {
  test.skip(!full, 'sqlmap runs in the full security suite only (npm run test:security)')
  test.skip(!sqlmap, 'sqlmap is not installed (Debian: apt-get install sqlmap)')
  test.setTimeout(90 * 60_000)
  const base = test.info().project.use.baseURL!
  const outputDir = path.resolve('test-results/sqlmap')
  fs.rmSync(outputDir, { recursive: true, force: true })
  fs.mkdirSync(outputDir, { recursive: true })

  const db = testDb()
  const article = (await db.get<{ id: number; slug: string; publishedAt: number }>(
    "SELECT id, slug, published_at AS publishedAt FROM articles WHERE status = 'published' AND comments_open = ? ORDER BY published_at DESC LIMIT 1",
    true,
  ))!
  const section = await db.value<string>('SELECT slug FROM categories ORDER BY position LIMIT 1')
  const tag = await db.value<string>(
    'SELECT t.slug FROM tags t JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY count(*) DESC',
  )
  const rules = await db.value<string>("SELECT value FROM settings WHERE key = 'comments'")
  const articlePath = articleUrl(article.slug, article.publishedAt)
  const [, year, month] = articlePath.split('/')

  // The comment rules would refuse nearly every attempt before it reached a query (rate limit,
  // minimum fill time): lift them for the run so sqlmap's payloads get through to the database.
  const open = {
    ...(rules ? (JSON.parse(rules) as object) : {}),
    holdFirstComment: true,
    minFillSeconds: 0,
    perIpLimit: 1000,
    perAccountLimit: 1000,
    rateWindowMinutes: 1,
    maxLinks: 50,
  }
  const setRules = (value: string | undefined) =>
    value === undefined
      ? db.run("DELETE FROM settings WHERE key = 'comments'")
      : db.run(
          "INSERT INTO settings (key, value) VALUES ('comments', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          value,
        )
  await setRules(JSON.stringify(open))

  const form = await (await fetch(`${base}${articlePath}`)).text()
  const stamp = /name="t" value="([^"]*)"/.exec(form)?.[1] ?? ''
  const targets: Target[] = [
    { name: 'search', args: ['-u', `${base}/search/?q=harbour&page=1`] },
    { name: 'section-page', args: ['-u', `${base}/category/${section}*/page/2*/`] },
    { name: 'tag', args: ['-u', `${base}/tag/${tag}*/`] },
    { name: 'archive', args: ['-u', `${base}/${year}*/${month}*/`] },
    { name: 'article', args: ['-u', `${base}${articlePath.replace(/\/$/, '*/')}`] },
    {
      name: 'comments',
      args: [
        '-u',
        `${base}/comments/`,
        '--method=POST',
        `--data=${new URLSearchParams({
          articleId: String(article.id),
          parentId: '',
          name: 'Probe Reader',
          email: 'probe.reader@example.com',
          body: 'A thoughtful reply',
          website: '',
          t: stamp,
        })}`,
      ],
    },
  ]

  const lines: string[] = []
  try {
    for (const target of targets) {
      const { output, ms, requests } = await run(target, outputDir)
      const clean = /all tested parameters do not appear to be injectable/.test(output)
      // Only a confirmed point counts: under load a time-based probe can look positive for a moment
      // ("appears to be … injectable") until sqlmap's own false-positive check discards it.
      const found = /identified the following injection point|is vulnerable/.test(output)
      const line = `${target.name.padEnd(14)} ${(ms / 1000).toFixed(0).padStart(5)} s ${String(requests).padStart(6)} requests  ${found ? 'INJECTABLE' : clean ? 'nothing injectable' : 'no verdict'}`
      lines.push(line)
      console.log(line)
      expect(found, `${target.name}: ${output.slice(-2000)}`).toBe(false)
      expect(clean, `${target.name}: ${output.slice(-2000)}`).toBe(true)
    }
  } finally {
    await setRules(rules)
    test.info().annotations.push({ type: 'figures', description: lines.join('\n') })
  }
})
