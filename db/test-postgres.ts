import { execFile, execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)
const serverRoot = '/usr/lib/postgresql'

export type TestPostgres = {
  url: string
  /** The cluster's folder, owned by the user the server runs as. */
  dir: string
  /** Shuts the server down and deletes the cluster. */
  stop(): Promise<void>
  /** Shuts the server down, keeping the cluster: an outage, until `resume()`. */
  pause(): Promise<void>
  /** Starts a paused server again on the same port. */
  resume(): Promise<void>
}

/** The bin folder of the newest PostgreSQL server installed the Debian way. */
function serverBinaries(): string {
  const versions = fs.existsSync(serverRoot)
    ? fs
        .readdirSync(serverRoot)
        .filter((version) => fs.existsSync(path.join(serverRoot, version, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : []
  if (versions.length === 0) throw new Error('PostgreSQL server binaries not found: apt-get install postgresql')
  return path.join(serverRoot, versions[0]!, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a throwaway PostgreSQL cluster in a fresh temporary folder with a database `gazette`,
 * for tests: no password (trust), no fsync, reachable on 127.0.0.1 only. stop() shuts it down and
 * deletes the folder; a test that forgets is cleaned up when its process exits.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const cluster = await startCluster('gazette-pg-', (tool, dir) =>
    tool('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']),
  )
  try {
    await createDatabase(cluster.url.replace(/\/gazette$/, '/postgres'), 'gazette')
  } catch (error) {
    await cluster.stop()
    throw error
  }
  return cluster
}

export type TestStandby = TestPostgres & {
  /** Ends recovery: the standby takes writes from then on, on the same port and connections. */
  promote(): Promise<void>
}

/**
 * Starts a hot standby of a cluster from `startPostgres()` in its own temporary folder and port:
 * a base backup that streams the primary's WAL and answers reads only, until promoted.
 */
export async function startStandby(primary: TestPostgres): Promise<TestStandby> {
  const source = new URL(primary.url)
  let promote: () => Promise<unknown> = async () => {}
  const standby = await startCluster('gazette-pg-standby-', async (tool, dir) => {
    // -R writes standby.signal and primary_conninfo; initdb's pg_hba already trusts local replication.
    const args = ['-h', source.hostname, '-p', source.port, '-U', 'postgres', '-D', dir]
    await tool('pg_basebackup', [...args, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'])
    // The primary's server log comes with the copy.
    fs.rmSync(path.join(dir, 'log'), { force: true })
    promote = () => tool('pg_ctl', ['-D', dir, '-w', 'promote'])
  })
  return { ...standby, promote: async () => void (await promote()) }
}

type Tool = (name: string, args: string[]) => Promise<unknown>

/** A cluster made by `create` in a new temporary folder, served on a free port until stopped. */
async function startCluster(prefix: string, create: (tool: Tool, dir: string) => Promise<unknown>) {
  const bin = serverBinaries()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  // initdb refuses to run as root, and the server must own its data folder.
  const asRoot = process.getuid?.() === 0
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir])
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args]
  // The postgres user may not be able to enter the caller's working folder.
  const tool = (name: string, args: string[]) => run(...command(name, args), { cwd: dir })
  const stopArgs = ['-D', dir, '-m', 'fast', 'stop']

  let running = false
  const cleanUpAtExit = () => {
    if (running) {
      try {
        execFileSync(...command('pg_ctl', stopArgs), { cwd: dir, stdio: 'ignore' })
      } catch {}
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', cleanUpAtExit)

  try {
    await create(tool, dir)
    const port = await freePort()
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
    const start = () =>
      tool('pg_ctl', ['-D', dir, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']).catch((error: Error) => {
        const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : ''
        throw new Error(`${error.message}\n${log}`)
      })
    running = true
    await start()
    return {
      url: `postgres://postgres@127.0.0.1:${port}/gazette`,
      dir,
      async pause() {
        if (running) await tool('pg_ctl', stopArgs)
        running = false
      },
      async resume() {
        running = true
        await start()
      },
      async stop() {
        process.removeListener('exit', cleanUpAtExit)
        try {
          if (running) await tool('pg_ctl', stopArgs)
        } finally {
          running = false
          // A server that died cannot be stopped, and its folder must go all the same.
          fs.rmSync(dir, { recursive: true, force: true })
        }
      },
    }
  } catch (error) {
    process.removeListener('exit', cleanUpAtExit)
    cleanUpAtExit()
    throw error
  }
}

/**
 * Ends `pool` and waits until its connections have closed. pg's `pool.end()` resolves once it has
 * asked them to close: a server stopped right after would cut one still closing, and the pool
 * would throw that error with no one to catch it; a database copied right after as a template
 * would still have a user.
 */
export async function endPool(pool: pg.Pool) {
  let open = pool.totalCount
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve()
    pool.on('remove', () => --open === 0 && resolve())
  })
  await pool.end()
  await closed
}

/** Creates database `name` on the server of `url` and returns its own URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
  } finally {
    await client.end()
  }
  const target = new URL(url)
  target.pathname = `/${name}`
  return target.toString()
}

/**
 * A new database on the server of `server` copied from its migrated `gazette_template` (made by
 * db/postgres/vitest-global.ts): a test's own database in milliseconds. Returns its URL.
 */
export async function databaseFromTemplate(server: string, prefix = 'test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE gazette_template`)
  } finally {
    await admin.end()
  }
  const url = new URL(server)
  url.pathname = `/${name}`
  return url.toString()
}
