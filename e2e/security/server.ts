import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { mainDatabase, type TestDatabase } from '../db'

/**
 * The second server of the security suite, on its own port and its own copy of the database. A port
 * per Playwright worker, so two of these specs can run at once.
 */
export const secondPort =
  Number(process.env.E2E_SECOND_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 114) +
  10 * Number(process.env.TEST_PARALLEL_INDEX ?? 0)
export const secondURL = `http://127.0.0.1:${secondPort}`

/**
 * A database of its own for a second server. On SQLite a copy of the test database made with the
 * backup API (the test server is writing to it); on PostgreSQL a new database in the same cluster
 * copied from the freshly seeded template the run made before its server started
 * (e2e/postgres-database.ts), since a database in use cannot be a template.
 */
export async function copyTestDatabase(name: string): Promise<TestDatabase> {
  const dir = path.resolve('e2e/.data', name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'test.db')
  if (mainDatabase.url) return { path: file, url: await postgresDatabase(name, { seeded: true }) }
  const source = new Database(mainDatabase.path, { readonly: true })
  await source.backup(file)
  source.close()
  return { path: file }
}

/**
 * A database `<run's database>_<name>` in the run's PostgreSQL cluster, replacing one left by an
 * earlier attempt: empty, or `seeded` as the test server's was at its start. Returns its URL.
 */
export async function postgresDatabase(name: string, { seeded = false } = {}) {
  const url = new URL(mainDatabase.url!)
  const base = decodeURIComponent(url.pathname.slice(1))
  const database = `${base}_${name.replace(/\W/g, '_')}`
  const admin = new pg.Client({ connectionString: mainDatabase.url })
  await admin.connect()
  const id = (n: string) => admin.escapeIdentifier(n)
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${id(database)} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${id(database)}${seeded ? ` TEMPLATE ${id(`${base}_template`)}` : ''}`)
  } finally {
    await admin.end()
  }
  url.pathname = `/${database}`
  return url.toString()
}

export type Server = {
  process: ChildProcess
  output: string[]
  /** Resolves with the server's exit code. */
  exited: Promise<number | null>
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

/** Child process ids of a process, from /proc (Linux). */
export function childPids(pid: number) {
  const children: number[] = []
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // Field 4 of /proc/<pid>/stat is the parent id; the name (field 2) may hold spaces, so split after ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry))
    } catch {}
  }
  return children
}

/** Resident memory of a process in bytes (VmRSS of /proc/<pid>/status), or undefined once it is gone. */
export function residentBytes(pid: number) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}

export async function startServer(
  database: TestDatabase,
  env: Record<string, string> = {},
  port = secondPort,
): Promise<Server> {
  const url = `http://127.0.0.1:${port}`
  // As `npm run serve` runs it: one process, so signals reach the server itself.
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: {
      ...process.env,
      DATABASE_PATH: database.path,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      PORT: String(port),
      SITE_URL: url,
      ADMIN_PASSWORD: 'e2e-admin-password',
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      NEXT_TELEMETRY_DISABLED: '1',
      WEB_CONCURRENCY: '1',
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output.join('')}`)
    try {
      if ((await fetch(`${url}/robots.txt`)).ok) break
    } catch {}
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL')
      throw new Error(`The server did not start:\n${output.join('')}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    process: child,
    output,
    exited,
    async stop(signal = 'SIGTERM') {
      // The whole group, as a terminal's Ctrl-C does: the server and anything it started.
      try {
        process.kill(-child.pid!, signal)
      } catch {}
      return exited
    },
  }
}

/**
 * Connections waiting in the kernel's accept queue of a listening port (the rx_queue of its LISTEN
 * socket in /proc/net/tcp and tcp6): made by clients, not yet taken by the server.
 */
export function acceptQueue(port: number) {
  let waiting = 0
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = ''
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state, queues] = line.trim().split(/\s+/)
      if (state !== '0A' || !local || parseInt(local.split(':').at(-1)!, 16) !== port) continue
      waiting += parseInt(queues!.split(':')[1]!, 16)
    }
  }
  return waiting
}

/** Signs the seeded admin in on the second server through the Auth.js credentials endpoint, as a form would. */
export async function signInAdmin(password = 'e2e-admin-password') {
  const csrf = await fetch(`${secondURL}/api/auth/csrf/`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return fetch(`${secondURL}/api/auth/callback/credentials/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email: 'admin@example.com', password }),
  })
}
