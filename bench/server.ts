import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { benchAdmin } from './common'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export function childrenOf(pid: number) {
  const out: number[] = []
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) out.push(Number(name))
    } catch {
      // The process ended while we looked.
    }
  }
  return out
}

// A group's workers, not the helper processes a Node process may run. Node 24 names its main
// thread, and so the process, "MainThread".
function nodeChildren(pid: number) {
  return childrenOf(pid).filter((p) => {
    try {
      return ['node', 'MainThread'].includes(fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim())
    } catch {
      return false
    }
  })
}

/** Resident memory of a process in bytes, from /proc/<pid>/status (0 once it has ended). */
export function rssOf(pid: number) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : 0
  } catch {
    return 0
  }
}

// Clock ticks per second of /proc's CPU times: 100 on every Linux this runs on.
const ticksPerSecond = 100

/** CPU time, in seconds, the processes have used so far (user and system), from /proc. */
export function cpuSecondsOf(pids: number[]) {
  let ticks = 0
  for (const pid of pids) {
    try {
      // The command name, in parentheses, may hold spaces: the fields are counted after it.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // A process that has exited has no more time to add.
    }
  }
  return ticks / ticksPerSecond
}

/**
 * Samples the RSS of a server's processes until stopped; returns the peak of their sum, the last
 * sum, and the peak of any one of them (a worker of a group).
 */
export function sampleRss(pids: () => number[], everyMs = 100) {
  let peak = 0
  let last = 0
  let peakEach = 0
  const sample = () => {
    const each = pids().map(rssOf)
    const sum = each.reduce((a, b) => a + b, 0)
    if (sum > 0) last = sum
    peak = Math.max(peak, sum)
    peakEach = Math.max(peakEach, ...each)
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return () => {
    clearInterval(timer)
    sample()
    return { peak, last, peakEach }
  }
}

const children = new Set<ChildProcess>()

/** Kills what this run started (each child's own process group), synchronously. */
export function killChildren(signal: NodeJS.Signals = 'SIGKILL') {
  for (const child of children) {
    try {
      if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal)
    } catch {
      // Already gone.
    }
  }
  children.clear()
}

let hooked = false
/** Ends what this run started when it exits or is interrupted (Ctrl-C), whatever it was doing. */
export function hookExit() {
  if (hooked) return
  hooked = true
  process.on('exit', () => killChildren())
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(sig, () => {
      killChildren()
      process.exit(130)
    })
}

/** Starts a child in its own process group, so that it and whatever it spawns can be ended together. */
export function startChild(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; logFile: string; cwd?: string },
) {
  hookExit()
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true })
  const log = fs.openSync(options.logFile, 'w')
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', log, log], env: options.env, cwd: options.cwd })
  fs.closeSync(log)
  children.add(child)
  return child
}

export async function stopChild(child: ChildProcess, graceMs = 10_000) {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return children.delete(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    process.kill(child.pid, 'SIGTERM')
  } catch {
    // Already gone.
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref())
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
    await exited
  }
  // Anything left in its group (the real server under the tsx wrapper) goes too.
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Nothing left.
  }
  children.delete(child)
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, logFile: string) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The server exited (${child.exitCode ?? child.signalCode}); log:\n${tail(logFile)}`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) })
      await res.arrayBuffer()
      if (res.status < 500) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`No answer from ${url} within ${timeoutMs / 1000} s; log:\n${tail(logFile)}`)
}

export function tail(file: string, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

export type Gazette = {
  url: string
  port: number
  child: ChildProcess
  serverPid: number
  /** Every process of the server: the one that serves, or a group's primary and its workers. */
  pids: () => number[]
  logFile: string
}

/** The Node that runs the server, its options, and the checkout it runs in. */
export type ServerRuntime = { node: string; args: string[]; cwd: string }

export const thisNode: ServerRuntime = { node: process.execPath, args: [], cwd: process.cwd() }

/**
 * Starts Gazette in production mode on a database, through the same entry point as `npm run serve`,
 * alone or as a group of `workers`, with `extraEnv` on top (`DATABASE_URL` for PostgreSQL). `serverPid`
 * is the Node process that serves, or a group's primary.
 */
export async function startGazette(
  databasePath: string,
  logFile: string,
  workers = 1,
  extraEnv: Record<string, string> = {},
  runtime = thisNode,
): Promise<Gazette> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_PATH: databasePath,
    PORT: String(port),
    ADMIN_EMAIL: benchAdmin.email,
    ADMIN_PASSWORD: benchAdmin.password,
    NEXT_TELEMETRY_DISABLED: '1',
    WEB_CONCURRENCY: String(workers),
  }
  delete env.UPLOADS_DIR
  delete env.SITE_URL
  // The engine is the caller's choice (extraEnv), never one left in the shell's environment.
  delete env.DATABASE_URL
  Object.assign(env, extraEnv)
  const child = startChild(runtime.node, [...runtime.args, 'scripts/start.mjs', '--no-build'], {
    env,
    logFile,
    cwd: runtime.cwd,
  })
  const url = `http://127.0.0.1:${port}`
  await waitForHttp(`${url}/`, child, 120_000, logFile)
  const serverPid = child.pid!
  const pids = () => [serverPid, ...nodeChildren(serverPid)]
  return { url, port, child, serverPid, pids, logFile }
}
