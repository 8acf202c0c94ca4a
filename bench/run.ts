// `npm run bench [-- --quick] [-- --duration 10] [-- --connections 50] [-- --engine postgres] [-- --node 22]`:
// see docs/performance.md.
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { categoryPath, searchPath, tagPath } from '@/lib/urls'
import { hash } from '@node-rs/argon2'
import pg from 'pg'
import { startPostgres, type TestPostgres } from '@/db/test-postgres'
import { copySite } from '@/services/db-copy'
import {
  benchReader,
  fullArticles,
  gitCommit,
  machine,
  parseArgs,
  quickArticles,
  readJson,
  replaceDocBlock,
  resultsDir,
  writeJson,
} from './common'
import { prepareNodeLine } from '../scripts/node-line'
import { pickTargets } from './targets'
import {
  childrenOf,
  cpuSecondsOf,
  freePort,
  hookExit,
  killChildren,
  rssOf,
  sampleRss,
  startChild,
  startGazette,
  stopChild,
  thisNode,
  waitForHttp,
} from './server'

const flags = parseArgs(process.argv.slice(2))
const quick = flags.has('quick')
const articleCount = Number(flags.get('articles') ?? (quick ? quickArticles : fullArticles))
const duration = Number(flags.get('duration') ?? (quick ? 3 : 10))
const connections = Number(flags.get('connections') ?? 50)
const engine = flags.get('engine') ?? 'sqlite'
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine is sqlite or postgres')
// The server on another Node line than the runner's (a major version), with options of its own
// (`--node-options=--experimental-async-context-frame`): figures for hosts that run it.
const nodeMajor = flags.get('node')
const nodeOptions = flags.get('node-options')
if (nodeMajor !== undefined && !/^\d+$/.test(String(nodeMajor)))
  throw new Error('--node takes a major version: --node 22')
if (nodeOptions === true)
  throw new Error('--node-options takes its value after "=": --node-options=--experimental-async-context-frame')
const nodeArgs = typeof nodeOptions === 'string' ? nodeOptions.split(/\s+/).filter(Boolean) : []
// Results of such a run get a file of their own: latest-node22-experimental-async-context-frame.json.
const optionsSlug = nodeArgs
  .join(' ')
  .replace(/[^a-z0-9]+/gi, '-')
  .replace(/^-|-$/g, '')
const dbPath = path.resolve(
  typeof flags.get('out') === 'string' ? (flags.get('out') as string) : `bench/data/${articleCount}/bench.db`,
)
const workDir = path.resolve('bench/data/run')
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)

type Scenario = {
  key: string
  label: string
  path: string
  connections: number
  /** Each request gets its own query string, so the page cache never has it: every request renders. */
  unique?: boolean
  baseline?: string
  during?: () => () => Promise<Record<string, unknown>>
  quick?: boolean
  /** Sent signed in as `benchReader`: the row is measured against the anonymous row of this key. */
  signedInAs?: string
  cookie?: string
}

type Row = Measured & {
  key: string
  page: string
  path: string
  connections: number
  cache: 'hit' | 'miss' | 'mixed'
  rssPeakMB: number
  /** For a group: the largest RSS of any one of its processes. */
  rssPeakEachMB?: number
  /** For a group: its requests per second against one process's in the same run. */
  vsOneWorker?: number
  /** For a signed-in row: its requests per second against the same page's anonymous row. */
  vsAnonymous?: number
  /** Server CPU time per answered request (all its processes, user and system). */
  cpuMsPerRequest: number
  /** On PostgreSQL: the database server's CPU time per answered request, not in `cpuMsPerRequest`. */
  dbCpuMsPerRequest?: number
  /** How long the server stayed busy with requests still in flight when the run ended. */
  drainSeconds: number
  baselineRps?: number
  ratio?: number
  notes?: Record<string, unknown>
}

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

type TitleWriter = { update(title: string, updatedAt: number, id: number): unknown; close(): unknown }

function sqliteWriter(file: string): TitleWriter {
  const db = new Database(file)
  db.pragma('busy_timeout = 5000')
  const update = db.prepare('UPDATE articles SET title = ?, updated_at = ? WHERE id = ?')
  return { update: (...values) => update.run(...values), close: () => db.close() }
}

function postgresWriter(url: string): TitleWriter {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  return {
    update: (...values) => pool.query('UPDATE articles SET title = $1, updated_at = $2 WHERE id = $3', values),
    close: () => pool.end(),
  }
}

/** Updates a front-page article's title every 200 ms, as an editor's saves would; the triggers purge. */
function publishBurst(open: () => TitleWriter, article: { id: number; title: string; updated_at: number }) {
  return () => {
    const db = open()
    let updates = 0
    let slowest = 0
    const timer = setInterval(() => {
      const t = performance.now()
      void Promise.resolve(db.update(`${article.title} (update ${++updates})`, Date.now(), article.id)).then(() => {
        slowest = Math.max(slowest, performance.now() - t)
      })
    }, 200)
    return async () => {
      clearInterval(timer)
      await db.update(article.title, article.updated_at, article.id)
      await db.close()
      return { updates, slowestWriteMs: Math.round(slowest * 10) / 10 }
    }
  }
}

/** The PostgreSQL server's processes (postmaster and backends), found from a connection's backend. */
async function postgresPids(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
  const stat = fs.readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8')
  await client.end()
  const postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  return () => [postmaster, ...childrenOf(postmaster)]
}

type Measured = {
  rps: number
  p50: number
  p99: number
  max: number
  requests: number
  /** Sent but not answered when the run ended: they are missing from the latency figures. */
  unanswered: number
  errors: number
  non2xx: number
  timeouts: number
}

// wrk, when installed, drives the pages every request of which is the same: written in C, it
// leaves the cores to the servers, where autocannon (JavaScript) takes one for itself and caps
// what a fast server can show. Renders of unique URLs need autocannon's per-request paths.
const wrkPath = spawnSync('which', ['wrk'], { encoding: 'utf8' }).stdout.trim()
export const loadClient = wrkPath ? 'wrk' : 'autocannon'

const wrkMs = (value: string) => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value)
  if (!m) return NaN
  // Rounded to wrk's own precision, so 815.00us is 0.815 and not 0.8150000000000001.
  return Number((Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1)).toFixed(3))
}

function runWrk(url: string, connections: number, cookie?: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '10s']
    const headers = ['-H', 'Accept-Encoding: gzip', ...(cookie ? ['-H', `Cookie: ${cookie}`] : [])]
    const child = spawn(wrkPath, [...args, ...headers, url])
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('exit', () => {
      const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0)
      const requests = num(/(\d+) requests in/)
      const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
      const timeouts = Number(sockets?.[4] ?? 0)
      const non2xx = num(/Non-2xx or 3xx responses: (\d+)/)
      const socketErrors = sockets ? Number(sockets[1]) + Number(sockets[2]) + Number(sockets[3]) : 0
      resolve({
        rps: Math.round(num(/Requests\/sec:\s+([\d.]+)/)),
        p50: wrkMs(/ 50%\s+(\S+)/.exec(out)?.[1] ?? ''),
        p99: wrkMs(/ 99%\s+(\S+)/.exec(out)?.[1] ?? ''),
        max: wrkMs(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(out)?.[1] ?? ''),
        requests,
        unanswered: 0,
        errors: socketErrors + timeouts + non2xx,
        non2xx,
        timeouts,
      })
    })
  })
}

async function runAutocannon(base: string, s: Scenario): Promise<Measured> {
  const sep = s.path.includes('?') ? '&' : '?'
  const r = await autocannon({
    url: `${base}${s.path}`,
    connections: s.connections,
    duration,
    timeout: 10,
    headers: { 'accept-encoding': 'gzip', ...(s.cookie ? { cookie: s.cookie } : {}) },
    ...(s.unique
      ? {
          requests: [
            {
              method: 'GET',
              setupRequest: (req: autocannon.Request) => ({ ...req, path: `${s.path}${sep}nocache=${++unique}` }),
            },
          ],
        }
      : {}),
  })
  return {
    rps: r.requests.average < 10 ? Math.round(r.requests.average * 10) / 10 : Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    unanswered: r.requests.sent - r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
  }
}

let unique = 0

async function load(
  base: string,
  s: Scenario,
  pids: () => number[],
  dbPids?: () => number[],
): Promise<Omit<Row, 'key' | 'page' | 'cache' | 'drainSeconds'>> {
  const stopSampling = sampleRss(pids)
  const cpuBefore = cpuSecondsOf(pids())
  const dbCpuBefore = dbPids && cpuSecondsOf(dbPids())
  const stopSide = s.during?.()
  const r =
    wrkPath && !s.unique ? await runWrk(`${base}${s.path}`, s.connections, s.cookie) : await runAutocannon(base, s)
  const notes = await stopSide?.()
  const rss = stopSampling()
  const perRequest = (seconds: number) => (r.requests ? Math.round((seconds * 1000 * 100) / r.requests) / 100 : 0)
  return {
    cpuMsPerRequest: perRequest(cpuSecondsOf(pids()) - cpuBefore),
    ...(dbPids ? { dbCpuMsPerRequest: perRequest(cpuSecondsOf(dbPids()) - dbCpuBefore!) } : {}),
    path: s.path,
    connections: s.connections,
    ...r,
    rssPeakMB: mb(rss.peak),
    rssPeakEachMB: mb(rss.peakEach),
    ...(notes ? { notes } : {}),
  }
}

/** Bytes a reader page makes the browser fetch besides the HTML. */
async function pageWeight(base: string, pagePath: string) {
  const page = await get(`${base}${pagePath}`)
  const br = await get(`${base}${pagePath}`, { 'accept-encoding': 'br' })
  const html = page.body.toString('utf8')
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (n, m) => n + Buffer.byteLength(m[1]!),
    0,
  )
  const css = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!)
  let js = 0
  let jsGzip = 0
  for (const src of new Set(srcs)) {
    const r = await get(new URL(src, base).toString())
    js += r.body.length
    jsGzip += gzipSync(r.body, { level: 9 }).length
  }
  let cssBytes = 0
  for (const href of new Set(css)) cssBytes += (await get(new URL(href, base).toString())).body.length
  return {
    path: pagePath,
    htmlBytes: page.body.length,
    htmlBrotliBytes: br.body.length,
    inlineScriptBytes: inline,
    scripts: new Set(srcs).size,
    scriptBytes: js,
    scriptGzipBytes: jsGzip,
    cssBytes,
  }
}

/** Serves saved pages as the baseline: nginx when installed, else a minimal Node server. */
async function startBaseline(dir: string) {
  const port = await freePort()
  const nginx = spawnSync('which', ['nginx'], { encoding: 'utf8' }).stdout.trim()
  const logFile = path.join(workDir, 'baseline.log')
  if (nginx) {
    const conf = path.join(workDir, 'nginx.conf')
    fs.writeFileSync(
      conf,
      `daemon off;
worker_processes auto;
pid ${workDir}/nginx.pid;
error_log ${workDir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=100;
  client_body_temp_path ${workDir}/nginx-tmp;
  proxy_temp_path ${workDir}/nginx-tmp;
  fastcgi_temp_path ${workDir}/nginx-tmp;
  uwsgi_temp_path ${workDir}/nginx-tmp;
  scgi_temp_path ${workDir}/nginx-tmp;
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    default_type text/html;
    gzip_static on;
  }
}
`,
    )
    fs.mkdirSync(path.join(workDir, 'nginx-tmp'), { recursive: true })
    const child = startChild(nginx, ['-c', conf, '-p', workDir], { logFile })
    return { kind: 'nginx' as const, url: `http://127.0.0.1:${port}`, child, logFile }
  }
  const child = startChild(process.execPath, [path.resolve('bench/static-server.mjs'), dir, String(port)], { logFile })
  return { kind: 'node' as const, url: `http://127.0.0.1:${port}`, child, logFile }
}

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n))

function table(rows: Row[]) {
  const db = rows.some((r) => r.dbCpuMsPerRequest !== undefined)
  const head = [
    'page',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'CPU ms/req',
    ...(db ? ['DB CPU ms/req'] : []),
    'server RSS MB',
    'baseline req/s',
    'ratio',
    'vs anonymous',
  ]
  const cells = rows.map((r) => [
    r.page,
    String(r.rps),
    String(r.p50),
    r.drainSeconds >= 1 && r.drainSeconds * 1000 > r.p99 ? `≥ ${r.p99}` : String(r.p99),
    String(r.errors),
    String(r.cpuMsPerRequest),
    ...(db ? [String(r.dbCpuMsPerRequest ?? '—')] : []),
    String(r.rssPeakMB),
    r.baselineRps !== undefined ? String(r.baselineRps) : '—',
    r.ratio !== undefined ? `${(r.ratio * 100).toFixed(0)} %` : '—',
    r.vsAnonymous !== undefined ? `${(r.vsAnonymous * 100).toFixed(0)} %` : '—',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) => c.map((v, i) => pad(v, widths[i]!, i > 0)).join('  ')
  const text = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
  const md = [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...cells.map((c) => `| ${c.join(' | ')} |`),
  ].join('\n')
  const busy = rows.filter((r) => r.drainSeconds >= 1 && r.drainSeconds * 1000 > r.p99)
  const note = busy.length
    ? `\n≥: ${busy.map((r) => `${r.page} (${r.unanswered} requests unanswered at the end, server busy ${r.drainSeconds} s more)`).join('; ')}. ` +
      'Requests unanswered when the run ended are not in the latency figures, so the true p99 is higher.'
    : ''
  return { text: text + note, md: md + (note ? `\n${note}` : '') }
}

/** The bench's reader, with a reading list. */
function addReader(db: Database.Database, passwordHash: string, articleId: number) {
  const now = Date.now()
  db.prepare(
    `INSERT INTO users (email, name, role, status, password_hash, email_verified_at, created_at, updated_at)
     VALUES (?, ?, 'reader', 'active', ?, ?, ?, ?)
     ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash`,
  ).run(benchReader.email, benchReader.name, passwordHash, now, now, now)
  const { id } = db.prepare('SELECT id FROM users WHERE email = ?').get(benchReader.email) as { id: number }
  db.prepare('DELETE FROM reading_lists WHERE user_id = ?').run(id)
  const list = db
    .prepare("INSERT INTO reading_lists (user_id, name, is_default, created_at) VALUES (?, 'Reading list', 1, ?)")
    .run(id, now).lastInsertRowid
  // Twenty stories from last month, none of them on the front page, and the article under load:
  // the front page rows measure the reader who saved nothing on it, the article rows one who did.
  db.prepare(
    `INSERT INTO saved_articles (list_id, article_id, saved_at)
     SELECT ?, id, ? FROM articles WHERE status = 'published' ORDER BY published_at DESC LIMIT 20 OFFSET 200`,
  ).run(list, now)
  db.prepare('INSERT OR IGNORE INTO saved_articles (list_id, article_id, saved_at) VALUES (?, ?, ?)').run(
    list,
    articleId,
    now,
  )
  return { id, list: Number(list) }
}

/** Signs the bench's reader in through Auth.js, as a browser would; their session cookie. */
async function signInReader(base: string) {
  const csrf = await fetch(`${base}/api/auth/csrf/`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]!)
  const response = await fetch(`${base}/api/auth/callback/credentials/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email: benchReader.email, password: benchReader.password }),
  })
  const session = response.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c))
  if (!session) throw new Error(`signing the bench reader in failed (${response.status})`)
  return session.split(';')[0]!
}

async function main() {
  const started = Date.now()
  const loadBefore = os.loadavg()[0]!
  if (loadBefore > 1)
    console.warn(
      `Load average ${loadBefore.toFixed(1)} before the run: other work on this machine will skew the figures.`,
    )
  const { commit, dirty } = gitCommit()
  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first.')
  const line = typeof nodeMajor === 'string' ? prepareNodeLine(nodeMajor, ['bench', 'test-results']) : undefined
  if (nodeMajor !== undefined && !line) throw new Error(`Node ${nodeMajor} could not be prepared`)
  // Synchronous, so it also runs when Ctrl-C ends the run.
  if (line) process.once('exit', line.remove)
  const runtime = {
    ...(line ? { node: line.node, cwd: line.tree } : thisNode),
    args: nodeArgs,
  }
  const serverNode = {
    version: line?.version ?? process.version,
    ...(nodeArgs.length ? { options: nodeArgs.join(' ') } : {}),
  }

  const data = spawnSync(
    process.execPath,
    [
      path.resolve('node_modules/tsx/dist/cli.mjs'),
      'bench/data.ts',
      '--articles',
      String(articleCount),
      '--out',
      dbPath,
    ],
    { stdio: 'inherit' },
  )
  if (data.status !== 0) throw new Error('Building the benchmark database failed')
  {
    const db = new Database(dbPath)
    db.exec('DELETE FROM cache_purges')
    // A scheduled backup of a 1 GB database at start-up would run inside the measurements.
    // (The settings table exists once the server has migrated the file; a fresh file gets it then.)
    const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'settings'").get()
    if (hasSettings)
      db.prepare(
        "INSERT INTO settings (key, value) VALUES ('backupEveryHours', '0') ON CONFLICT(key) DO UPDATE SET value = '0'",
      ).run()
    db.close()
  }
  const t = pickTargets(dbPath)
  {
    const db = new Database(dbPath)
    addReader(db, await hash(benchReader.password), t.article.id)
    db.close()
  }

  // PostgreSQL gets the prepared file's rows, the reader included. The server keeps DATABASE_PATH
  // at the bench data folder: its uploads and auth secret are found there.
  let postgres: { url: string; pids: () => number[]; copySeconds: number } | undefined
  if (engine === 'postgres') {
    hookExit()
    cluster = await startPostgres()
    process.stdout.write('Copying the database into a throwaway PostgreSQL cluster… ')
    const copied = await copySite({ engine: 'sqlite', file: dbPath }, { engine: 'postgres', url: cluster.url })
    if (copied.mismatches.length) throw new Error(`The copy differs in ${copied.mismatches.map((m) => m.table)}`)
    const rowsCopied = copied.tables.reduce((sum, table) => sum + table.rows, 0)
    postgres = { url: cluster.url, pids: await postgresPids(cluster.url), copySeconds: copied.ms / 1000 }
    console.log(`${rowsCopied} rows in ${postgres.copySeconds.toFixed(1)} s`)
  }
  const engineEnv: Record<string, string> = postgres ? { DATABASE_URL: postgres.url } : {}

  fs.rmSync(workDir, { recursive: true, force: true })
  fs.mkdirSync(path.join(workDir, 'static'), { recursive: true })
  console.log(
    `Starting Gazette on ${postgres ? 'PostgreSQL, data copied from ' : ''}${path.relative(process.cwd(), dbPath)}…`,
  )
  const gazette = await startGazette(dbPath, path.join(workDir, 'server.log'), 1, engineEnv, runtime)
  console.log(
    `Gazette at ${gazette.url} (server pid ${gazette.serverPid}, startup RSS ${mb(rssOf(gazette.serverPid))} MB)`,
  )

  const cookie = await signInReader(gazette.url)
  const deep = Math.min(500, t.section.pages)
  const scenarios: Scenario[] = [
    { key: 'front', label: 'front page', path: '/', connections, baseline: 'front.html', quick: true },
    {
      key: 'front-reader',
      label: 'front page, signed in',
      path: '/',
      connections,
      signedInAs: 'front',
      cookie,
      quick: true,
    },
    { key: 'article', label: 'article', path: t.article.path, connections, baseline: 'article.html', quick: true },
    {
      key: 'article-reader',
      label: 'article, signed in',
      path: t.article.path,
      connections,
      signedInAs: 'article',
      cookie,
      quick: true,
    },
    { key: 'section-1', label: 'section page 1', path: categoryPath(t.section.slug), connections },
    { key: 'section-50', label: 'section page 50', path: categoryPath(t.section.slug, 50), connections, quick: true },
    ...(deep >= 500
      ? [{ key: 'section-500', label: 'section page 500', path: categoryPath(t.section.slug, 500), connections }]
      : []),
    { key: 'tag', label: 'tag page', path: tagPath(t.tag.slug), connections },
    { key: 'month', label: 'month archive', path: t.month, connections },
    { key: 'search', label: 'search', path: searchPath('council budget'), connections, quick: true },
    { key: 'article-miss', label: 'article, cache miss', path: t.article.path, connections, unique: true },
    {
      key: 'article-miss-1',
      label: 'article, cache miss, 1 conn',
      path: t.article.path,
      connections: 1,
      unique: true,
      quick: true,
    },
    {
      key: 'front-miss-1',
      label: 'front page, miss, 1 conn',
      path: '/',
      connections: 1,
      unique: true,
      quick: true,
    },
    {
      key: 'section-1-miss-1',
      label: 'section page 1, miss, 1 conn',
      path: categoryPath(t.section.slug),
      connections: 1,
      unique: true,
    },
    ...(deep >= 500
      ? [
          {
            key: 'section-500-miss-1',
            label: 'section page 500, miss, 1 conn',
            path: categoryPath(t.section.slug, 500),
            connections: 1,
            unique: true,
          },
        ]
      : []),
    {
      key: 'search-miss-1',
      label: 'search, miss, 1 conn',
      path: searchPath('council budget'),
      connections: 1,
      unique: true,
    },
    {
      key: 'publish-burst',
      label: 'front page while publishing',
      path: '/',
      connections,
      during: publishBurst(postgres ? () => postgresWriter(postgres.url) : () => sqliteWriter(dbPath), t.burstArticle),
      quick: true,
    },
  ].filter((s) => !quick || s.quick)

  console.log('Warming up…')
  for (const s of scenarios) {
    const url = `${gazette.url}${s.path}`
    const signedIn: Record<string, string> = s.cookie ? { cookie: s.cookie } : {}
    const first = await get(url, signedIn)
    const second = await get(url, { 'accept-encoding': 'gzip', ...signedIn })
    if (first.status !== 200 || second.status !== 200)
      throw new Error(`${s.path} answered ${first.status}/${second.status}`)
    if (second.headers['x-cache'] !== 'HIT') console.warn(`  ${s.path}: second request was not a cache HIT`)
    if (s.baseline) {
      const plain = await get(url)
      if (plain.headers.etag !== second.headers.etag) throw new Error(`${s.path} changed while being saved`)
      fs.writeFileSync(path.join(workDir, 'static', s.baseline), plain.body)
      fs.writeFileSync(path.join(workDir, 'static', `${s.baseline}.gz`), second.body)
    }
  }
  await autocannon({ url: `${gazette.url}/`, connections, duration: quick ? 1 : 3 })

  const baseline = await startBaseline(path.join(workDir, 'static'))
  await waitForHttp(`${baseline.url}/front.html`, baseline.child, 10_000, baseline.logFile)
  console.log(
    `Baseline: the same bytes served by ${baseline.kind === 'nginx' ? 'nginx' : 'a minimal node:http server'}`,
  )
  await autocannon({ url: `${baseline.url}/front.html`, connections, duration: 1 })

  const weights = { front: await pageWeight(gazette.url, '/'), article: await pageWeight(gazette.url, t.article.path) }

  // A static file of the build (reader pages carry no script, so their stylesheet).
  const probe = /<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/.exec(
    (await get(`${gazette.url}/`)).body.toString(),
  )![1]!
  // Requests still in flight when a run ends keep the server busy; the next run starts once it is idle.
  async function drain(base = gazette.url) {
    const start = Date.now()
    let quietSince = start
    let quiet = 0
    while (quiet < 2 && Date.now() - start < (quick ? 15_000 : 120_000)) {
      const t = performance.now()
      const sentAt = Date.now()
      const ok = await get(new URL(probe, base).toString()).then(
        () => true,
        () => false,
      )
      if (ok && performance.now() - t < 30) {
        if (quiet++ === 0) quietSince = sentAt
      } else quiet = 0
      await new Promise((r) => setTimeout(r, 100))
    }
    return Math.round(((quiet < 2 ? Date.now() : quietSince) - start) / 100) / 10
  }

  const rows: Row[] = []
  const baselines: Record<string, Awaited<ReturnType<typeof load>>> = {}
  const pause = () => new Promise((r) => setTimeout(r, 500))
  for (const s of scenarios) {
    if (s.baseline) {
      process.stdout.write(`  static ${s.baseline}… `)
      baselines[s.key] = await load(baseline.url, { ...s, path: `/${s.baseline}`, during: undefined }, () => [
        baseline.child.pid!,
      ])
      console.log(`${baselines[s.key]!.rps} req/s`)
      await pause()
    }
    process.stdout.write(`  ${s.label}… `)
    const r = await load(gazette.url, s, gazette.pids, postgres?.pids)
    const b = baselines[s.key]
    const drainSeconds = await drain()
    rows.push({
      key: s.key,
      page: s.label,
      cache: s.unique ? 'miss' : s.during ? 'mixed' : 'hit',
      ...r,
      ...(b ? { baselineRps: b.rps, ratio: Math.round((r.rps / b.rps) * 1000) / 1000 } : {}),
      ...(s.signedInAs
        ? { vsAnonymous: Math.round((r.rps / rows.find((row) => row.key === s.signedInAs)!.rps) * 100) / 100 }
        : {}),
      drainSeconds,
    })
    console.log(
      `${r.rps} req/s, p99 ${r.p99} ms, ${r.errors} errors${drainSeconds > 1 ? `, busy ${drainSeconds} s after` : ''}`,
    )
    await pause()
  }

  await stopChild(gazette.child)

  // The cached pages again, from a group of one worker per core on the same database.
  const workers = os.availableParallelism()
  if (workers > 1) {
    const group = await startGazette(dbPath, path.join(workDir, 'group.log'), workers, engineEnv, runtime)
    console.log(`A group of ${workers} workers at ${group.url}`)
    const cached = scenarios.filter((s) => !s.unique && !s.during && !s.cookie)
    // Each worker keeps its own page cache: enough fresh connections for every one to store each page.
    for (const s of cached) for (let i = 0; i < 4 * workers; i++) await get(`${group.url}${s.path}`)
    // As the single process was before its rows: the workers' code compiled hot, not just loaded.
    for (const s of cached) await load(group.url, s, group.pids)
    for (const s of cached) {
      process.stdout.write(`  ${s.label}, ${workers} workers… `)
      const r = await load(group.url, s, group.pids, postgres?.pids)
      const one = rows.find((row) => row.key === s.key)!
      const b = baselines[s.key]
      rows.push({
        key: `${s.key}-group`,
        page: `${s.label}, ${workers} workers`,
        cache: 'hit',
        ...r,
        ...(b ? { baselineRps: b.rps, ratio: Math.round((r.rps / b.rps) * 1000) / 1000 } : {}),
        vsOneWorker: Math.round((r.rps / one.rps) * 100) / 100,
        drainSeconds: await drain(group.url),
      })
      console.log(`${r.rps} req/s (${rows.at(-1)!.vsOneWorker}× one worker), p99 ${r.p99} ms, ${r.errors} errors`)
      await pause()
    }
    await stopChild(group.child)
  }

  const baselineRows = Object.entries(baselines).map(([key, r]) => ({ key, ...r }))
  await stopChild(baseline.child)

  const { text, md } = table(rows)
  const by = (key: string) => rows.find((r) => r.key === key)
  const cachedPages = rows.filter((r) => r.cache === 'hit')
  const missRender = by('article-miss-1')
  const p1 = by('section-1-miss-1')
  const p500 = by('section-500-miss-1')
  const signedIn = rows.filter((r) => r.vsAnonymous !== undefined)
  const targets = {
    signedInAtLeast50PercentOfAnonymous: signedIn.length ? signedIn.every((r) => r.vsAnonymous! >= 0.5) : null,
    cachedAtLeast25PercentOfStatic: ['front', 'article'].every((k) => (by(k)?.ratio ?? 0) >= 0.25),
    zeroErrors: rows.every((r) => r.errors === 0),
    cachedP99Under50ms: cachedPages.every((r) => r.p99 < 50),
    missP99UnderTargets: missRender
      ? [missRender, p1, by('front-miss-1')].every((r) => !r || r.p99 < (r.key === 'front-miss-1' ? 40 : 25))
      : null,
    articleMissCpuAtMost15ms: missRender ? missRender.cpuMsPerRequest <= 15 : null,
    deepPaginationAsFastAsPage1: p1 && p500 ? p500.p50 <= p1.p50 * 1.2 + 1 : null,
    rssUnder300MB: rows.every((r) => (r.rssPeakEachMB ?? r.rssPeakMB) < 300),
    groupAtLeast1_7xOneWorker: rows.some((r) => r.vsOneWorker)
      ? rows.filter((r) => r.vsOneWorker).every((r) => r.vsOneWorker! >= 1.7)
      : null,
    groupCachedAtLeast30PercentOfStatic: rows.some((r) => r.vsOneWorker)
      ? ['front-group', 'article-group'].every((k) => (by(k)?.ratio ?? 0) >= 0.3)
      : null,
  }

  const result = {
    commit,
    dirty,
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    engine,
    ...(postgres ? { copySeconds: postgres.copySeconds } : {}),
    machine: { ...machine(), loadAverage: { before: loadBefore, after: os.loadavg()[0]! } },
    serverNode,
    settings: {
      connections,
      durationSeconds: duration,
      tool: wrkPath ? 'wrk (1 thread) for repeated URLs, autocannon 9 for unique ones' : 'autocannon 9 (library)',
      pipelining: 1,
    },
    data: { file: path.relative(process.cwd(), dbPath), ...t.counts, bytes: fs.statSync(dbPath).size },
    targetsPicked: {
      article: t.article,
      section: t.section,
      tag: t.tag,
      month: t.month,
      burstArticleId: t.burstArticle.id,
    },
    baselineServer: baseline.kind,
    baselines: baselineRows,
    results: rows,
    clientWeight: weights,
    targets,
    seconds: Math.round((Date.now() - started) / 1000),
  }

  console.log(`\n${text}\n`)
  console.log(
    `Engine: ${engine}${postgres ? ` (copied in ${postgres.copySeconds.toFixed(1)} s)` : ''}. ` +
      `Server on Node ${serverNode.version}${serverNode.options ? ` ${serverNode.options}` : ''}. Load client: ${loadClient}. Baseline server: ${baseline.kind}. Load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after. ${t.counts.articles} articles, ${t.counts.comments} comments. ` +
      `${connections} connections, ${duration} s per page (1 conn where marked).`,
  )
  for (const [name, w] of Object.entries(weights))
    console.log(
      `Client JS on the ${name}: ${w.scripts} scripts, ${(w.scriptBytes / 1024).toFixed(0)} KB (${(w.scriptGzipBytes / 1024).toFixed(0)} KB gzipped); ` +
        `HTML ${(w.htmlBytes / 1024).toFixed(0)} KB (${(w.htmlBrotliBytes / 1024).toFixed(0)} KB brotli), ` +
        `of which ${(w.inlineScriptBytes / 1024).toFixed(0)} KB inline script`,
    )
  console.log('Targets (reported, not asserted):')
  for (const [k, v] of Object.entries(targets)) console.log(`  ${v === null ? '–' : v ? '✓' : '✗'} ${k}`)

  const latestFile = path.join(
    resultsDir,
    `${quick ? 'latest-quick' : 'latest'}${engine === 'postgres' ? '-postgres' : ''}${line ? `-node${nodeMajor}` : ''}${nodeArgs.length ? `-${optionsSlug}` : ''}.json`,
  )
  const previous = readJson<{ lighthouse?: unknown }>(latestFile)
  writeJson(latestFile, { ...result, ...(previous?.lighthouse ? { lighthouse: previous.lighthouse } : {}) })
  fs.appendFileSync(
    path.join(resultsDir, 'history.jsonl'),
    `${JSON.stringify({
      commit,
      dirty,
      date: result.date,
      mode: result.mode,
      engine,
      serverNode,
      articles: t.counts.articles,
      baselineServer: baseline.kind,
      results: rows.map((r) => ({
        key: r.key,
        rps: r.rps,
        p50: r.p50,
        p99: r.p99,
        errors: r.errors,
        rssMB: r.rssPeakMB,
        cpuMsPerRequest: r.cpuMsPerRequest,
        ...(r.dbCpuMsPerRequest !== undefined ? { dbCpuMsPerRequest: r.dbCpuMsPerRequest } : {}),
        ...(r.vsAnonymous !== undefined ? { vsAnonymous: r.vsAnonymous } : {}),
        ...(r.vsOneWorker ? { rssEachMB: r.rssPeakEachMB, vsOneWorker: r.vsOneWorker } : {}),
        ...(r.ratio !== undefined ? { baselineRps: r.baselineRps, ratio: r.ratio } : {}),
      })),
      clientJsBytes: weights.front.scriptBytes,
    })}\n`,
  )
  // The table in docs/performance.md is SQLite's, on this machine's Node with its defaults.
  if (!quick && engine === 'sqlite' && !line && !nodeArgs.length) updateDoc(md, result)
  console.log(
    `\nWrote ${path.relative(process.cwd(), latestFile)} and appended to bench/results/history.jsonl (${result.seconds} s)`,
  )
}

function updateDoc(
  md: string,
  r: {
    commit: string
    dirty: boolean
    date: string
    machine: ReturnType<typeof machine> & { loadAverage: { before: number; after: number } }
    settings: { connections: number; durationSeconds: number }
    baselineServer: string
    data: { articles: number; comments: number }
  },
) {
  replaceDocBlock(
    'bench:table',
    [
      `Commit \`${r.commit}\`${r.dirty ? ' with uncommitted changes' : ''}, ${r.date.slice(0, 10)}; ${r.data.articles.toLocaleString('en')} articles, ` +
        `${r.data.comments.toLocaleString('en')} comments; ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, ` +
        `Node ${r.machine.node}; load average ${r.machine.loadAverage.before.toFixed(1)} before the run and ` +
        `${r.machine.loadAverage.after.toFixed(1)} after; ${r.settings.connections} connections, ${r.settings.durationSeconds} s per page; ` +
        `baseline served by ${r.baselineServer === 'nginx' ? 'nginx' : 'the minimal node:http server'}.`,
      '',
      md,
    ].join('\n'),
  )
}

let cluster: TestPostgres | undefined

main()
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
  })
  .finally(async () => {
    killChildren()
    await cluster?.stop().catch((e: Error) => console.error(`Stopping PostgreSQL: ${e.message}`))
    // autocannon can leave timers behind; the run is over.
    process.exit()
  })
