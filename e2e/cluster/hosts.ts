import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { hash } from '@node-rs/argon2'
import type { Page } from '@playwright/test'
import { startPostgres, type TestPostgres } from '../../db/test-postgres'
import { startS3, type TestS3 } from '../../db/test-s3'
import { type TestDatabase, testDb } from '../db'
import { type Server, startServer } from '../security/server'
import { admin } from '../staff'

// Gazette as docs/scaling.md sets it up, on loopback: Varnish (docs/varnish/gazette.vcl) in front
// of HAProxy (docs/haproxy/gazette.cfg) in front of three hosts, each a Gazette server with a data
// folder of its own, sharing a PostgreSQL cluster and an S3-compatible bucket (s3rver). Used by
// the cluster test and by the cluster benchmark; everything started here is stopped by stop().

const run = promisify(execFile)
const binary = (...files: string[]) => files.find((file) => fs.existsSync(file))
export const varnishd = binary('/usr/sbin/varnishd', '/usr/local/sbin/varnishd')
export const haproxy = binary('/usr/sbin/haproxy', '/usr/local/sbin/haproxy')
const xkey = fs.existsSync('/usr/lib')
  ? fs
      .readdirSync('/usr/lib', { withFileTypes: true })
      .some((dir) => dir.isDirectory() && fs.existsSync(`/usr/lib/${dir.name}/varnish/vmods/libvmod_xkey.so`))
  : false
/** Why the cluster cannot start on this machine, if it cannot. */
export const missingEngines = [
  !varnishd && 'varnish',
  !xkey && 'varnish-modules',
  !haproxy && 'haproxy',
  !binary('/usr/lib/postgresql') && 'postgresql',
].filter(Boolean) as string[]

export type Host = {
  name: string
  url: string
  port: number
  /** The host's own data folder (DATABASE_PATH's), which holds nothing another host needs. */
  dataDir: string
  server?: Server
}

export type Cluster = {
  /** Varnish: the front door readers use. */
  front: string
  /** HAProxy's frontend, Varnish's backend. */
  balancer: string
  hosts: Host[]
  postgres: TestPostgres
  s3: TestS3
  database: TestDatabase
  /** The environment every host runs with (its own PORT and data folder aside). */
  env: Record<string, string>
  startHost(host: Host): Promise<void>
  /** SIGTERM: the host drains what it is answering and stops, as systemd stops it. */
  stopHost(host: Host): Promise<void>
  killHost(host: Host): Promise<void>
  /** HAProxy's runtime socket: `drain` sends a host no new requests, `ready` takes it back. */
  setHostState(host: Host, state: 'drain' | 'ready'): Promise<void>
  /** What HAProxy's health checks make of each host now: UP, DOWN, or a state in between. */
  hostStates(): Promise<Record<string, string>>
  /** Waits until HAProxy sees each named host in the given state. */
  waitForStates(states: Record<string, string>, ms?: number): Promise<void>
  stop(): Promise<void>
}

async function until(check: () => Promise<boolean> | boolean, what: string, ms: number) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function stopByPidFile(file: string) {
  if (!fs.existsSync(file)) return
  const pid = Number(fs.readFileSync(file, 'utf8'))
  try {
    process.kill(pid, 'SIGTERM')
  } catch {}
  await until(
    () => {
      try {
        process.kill(pid, 0)
        return false
      } catch {
        return true
      }
    },
    `process ${pid} to stop`,
    15_000,
  ).catch(() => {})
  fs.rmSync(file, { force: true })
}

/**
 * Starts the whole cluster on ports from `basePort`: Varnish on basePort, HAProxy on +1, its stats
 * on +2, the hosts on +3 onwards. `articles` sizes the seeded newsroom.
 */
export async function startCluster({
  basePort,
  hostCount = 3,
  articles = 60,
  hostEnv = {},
}: {
  basePort: number
  hostCount?: number
  articles?: number
  hostEnv?: Record<string, string>
}): Promise<Cluster> {
  if (missingEngines.length) throw new Error(`Install with apt-get: ${missingEngines.join(' ')}`)
  const manifest = path.resolve('.next/server/server-reference-manifest.json')
  if (!fs.existsSync(manifest)) throw new Error('No production build: run `npm run build` first')
  // The hosts share one build, so its server-action key is the one they must all be given.
  const actionsKey = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { encryptionKey: string }).encryptionKey

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-cluster-'))
  // varnishd reads the VCL after dropping root for its own user.
  fs.chmodSync(workDir, 0o755)
  const front = `http://127.0.0.1:${basePort}`
  const balancerPort = basePort + 1
  const statsPort = basePort + 2
  const hosts: Host[] = Array.from({ length: hostCount }, (_, i) => ({
    name: String.fromCharCode(97 + i),
    port: basePort + 3 + i,
    url: `http://127.0.0.1:${basePort + 3 + i}`,
    dataDir: path.join(workDir, `host-${String.fromCharCode(97 + i)}`),
  }))

  const started: (() => Promise<unknown>)[] = []
  const stop = async () => {
    while (started.length) await started.pop()!().catch(() => {})
    fs.rmSync(workDir, { recursive: true, force: true })
  }
  try {
    const postgres = await startPostgres()
    started.push(() => postgres.stop())
    const s3 = await startS3()
    started.push(() => s3.stop())
    const env: Record<string, string> = {
      MULTI_HOST: 'true',
      DATABASE_URL: postgres.url,
      S3_BUCKET: s3.bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      AUTH_SECRET: 'cluster-secret-cluster-secret-cluster-secret',
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey,
      SITE_URL: front,
      CACHE_PURGE_URLS: `${front}/`,
      TRUST_PROXY: 'true',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      NEXT_TELEMETRY_DISABLED: '1',
      ...hostEnv,
    }
    // Seeded once, before any host starts, as an operator would run `npm run db:seed` from one.
    // Not spawnSync: the bucket the seed writes to answers from this very process.
    await run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--articles', String(articles)], {
      env: { ...process.env, ...env, DATABASE_PATH: path.join(workDir, 'seed', 'gazette.db') },
      timeout: 300_000,
    }).catch((error: { stderr?: string; stdout?: string; message: string }) => {
      throw new Error(`Seeding failed: ${error.message}\n${error.stderr ?? ''}${error.stdout ?? ''}`)
    })

    const startHost = async (host: Host) => {
      host.server = await startServer(
        { path: path.join(host.dataDir, 'gazette.db'), url: postgres.url },
        env,
        host.port,
      )
    }
    await Promise.all(hosts.map(startHost))
    started.push(() => Promise.all(hosts.map(async (host) => host.server?.stop())))

    const config = fs
      .readFileSync(path.resolve('docs/haproxy/gazette.cfg'), 'utf8')
      .replace(/stats socket \S+/, `stats socket ${path.join(workDir, 'haproxy.sock')}`)
      .replace(/bind 127\.0\.0\.1:8080/, `bind 127.0.0.1:${balancerPort}`)
      .replace(/^ +server .*\n/gm, '')
      .concat(
        hosts.map((host) => `    server ${host.name} 127.0.0.1:${host.port} check\n`).join(''),
        `\nlisten stats\n    bind 127.0.0.1:${statsPort}\n    stats enable\n    stats uri /stats\n`,
      )
    fs.writeFileSync(path.join(workDir, 'haproxy.cfg'), config)
    const haproxyPid = path.join(workDir, 'haproxy.pid')
    const balancer = spawnSync(haproxy!, ['-f', path.join(workDir, 'haproxy.cfg'), '-D', '-p', haproxyPid], {
      encoding: 'utf8',
      timeout: 30_000,
    })
    if (balancer.status !== 0) throw new Error(`HAProxy did not start:\n${balancer.stderr}${balancer.stdout}`)
    started.push(() => stopByPidFile(haproxyPid))

    const vcl = fs
      .readFileSync(path.resolve('docs/varnish/gazette.vcl'), 'utf8')
      .replace('.port = "3000";', `.port = "${balancerPort}";`)
    fs.writeFileSync(path.join(workDir, 'gazette.vcl'), vcl)
    const varnishPid = path.join(workDir, 'varnishd.pid')
    const cache = spawnSync(
      varnishd!,
      [
        ...['-a', `127.0.0.1:${basePort}`, '-f', path.join(workDir, 'gazette.vcl')],
        ...['-n', path.join(workDir, 'varnish'), '-s', 'malloc,128m', '-P', varnishPid],
      ],
      { encoding: 'utf8', timeout: 30_000 },
    )
    if (cache.status !== 0) throw new Error(`Varnish did not start:\n${cache.stderr}${cache.stdout}`)
    started.push(() => stopByPidFile(varnishPid))

    const hostStates = async () => {
      const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text()
      const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n')
      const columns = header!.split(',')
      const states: Record<string, string> = {}
      for (const row of rows.map((line) => line.split(','))) {
        if (row[columns.indexOf('pxname')] === 'gazette' && row[columns.indexOf('svname')] !== 'BACKEND')
          states[row[columns.indexOf('svname')]!] = row[columns.indexOf('status')]!
      }
      return states
    }
    const waitForStates = async (states: Record<string, string>, ms = 30_000) => {
      let seen: Record<string, string> = {}
      await until(
        async () => {
          seen = await hostStates()
          return Object.entries(states).every(([name, state]) => seen[name] === state)
        },
        `HAProxy to see ${JSON.stringify(states)} (sees ${JSON.stringify(seen)})`,
        ms,
      )
    }
    await waitForStates(Object.fromEntries(hosts.map((host) => [host.name, 'UP'])))

    return {
      front,
      balancer: `http://127.0.0.1:${balancerPort}`,
      hosts,
      postgres,
      s3,
      database: { path: path.join(workDir, 'seed', 'gazette.db'), url: postgres.url },
      env,
      startHost,
      async stopHost(host) {
        await host.server?.stop('SIGTERM')
        host.server = undefined
      },
      async killHost(host) {
        await host.server?.stop('SIGKILL')
        host.server = undefined
      },
      async setHostState(host, state) {
        const answer = await new Promise<string>((resolve, reject) => {
          let out = ''
          const socket = net.createConnection(path.join(workDir, 'haproxy.sock'), () =>
            socket.end(`set server gazette/${host.name} state ${state}\n`),
          )
          socket.on('data', (d: Buffer) => (out += d.toString()))
          socket.on('end', () => resolve(out.trim()))
          socket.on('error', reject)
        })
        if (answer) throw new Error(`HAProxy: ${answer}`)
      },
      hostStates,
      waitForStates,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

export type Reader = { email: string; password: string; name: string; slug: string }

/** A reader account with a confirmed address, straight into the cluster's database. */
export async function addReader(cluster: Cluster, reader: Reader) {
  await testDb(cluster.database).run(
    `INSERT INTO users (email, name, slug, role, password_hash, email_verified_at) VALUES (?, ?, ?, 'reader', ?, ?)`,
    reader.email,
    reader.name,
    reader.slug,
    await hash(reader.password),
    Date.now(),
  )
}

/** Signs `reader` in on the page's site through the reader sign-in form. */
export async function signInReader(page: Page, reader: Reader) {
  await page.goto('/signin/')
  await page.getByLabel('Email').first().fill(reader.email)
  await page.getByLabel('Password', { exact: true }).fill(reader.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL(/\/account\/$/)
}
