import cluster, { type Worker } from 'node:cluster'
import fs from 'node:fs'
import { type GroupState, instance } from '@/lib/instance'
import { log } from '@/lib/log'

type GroupMessage = { gazette: 'group'; state: GroupState }

const isGroupMessage = (message: unknown): message is GroupMessage =>
  typeof message === 'object' && message !== null && (message as GroupMessage).gazette === 'group'

/** In a worker: keeps the state of the group its primary sends, for /api/health/. */
export function followGroup() {
  if (!cluster.isWorker) return
  process.on('message', (message: unknown) => {
    if (isGroupMessage(message)) instance.group = message.state
  })
}

/**
 * In a worker whose server has closed: leaves the group, before the process exits. The primary
 * hands each connection to a worker and keeps it until the worker says whether it took it; one
 * handed over as the server closed, still unread when the worker exits, would be held by the
 * primary and never answered. Disconnecting waits for the primary's reply, and that connection,
 * read first, goes back to be handed to another worker.
 */
export function leaveGroup() {
  const worker = cluster.worker
  if (!worker?.isConnected()) return Promise.resolve()
  return new Promise<void>((resolve) => {
    // A primary too busy to answer does not keep the worker up.
    const timer = setTimeout(resolve, 5000)
    worker.once('disconnect', () => {
      clearTimeout(timer)
      resolve()
    })
    worker.disconnect()
  })
}

// A worker that dies younger than this counts towards a crash loop, and is replaced after a delay
// that doubles with each such death, up to the longest.
const crashLoopMs = 30_000
const longestDelayMs = 30_000

/**
 * The primary of a worker group: it serves nothing itself. It starts `workers` processes that share
 * the port (node:cluster hands each new connection to the next worker in turn), replaces one that
 * dies, replaces them all one at a time on SIGHUP (`npm run reload`), each new worker taking
 * connections before an old one drains, and on SIGTERM or SIGINT lets every worker drain as a
 * single server does, then exits.
 */
export function runGroup(options: { workers: number; pidFile: string }) {
  const startedAt = new Map<Worker, number>()
  // Workers told to drain, and new workers of a reload not yet taking connections: neither is
  // replaced when it exits.
  const retiring = new Set<Worker>()
  const trial = new Set<Worker>()
  let replaced = 0
  let crashes = 0
  let reloading = false
  let stopping = false
  let failed = false

  const state = (): GroupState => ({
    workers: [...startedAt].map(([worker, at]) => ({
      id: worker.id,
      pid: worker.process.pid!,
      startedAt: new Date(at).toISOString(),
    })),
    replaced,
    reloading,
  })
  const tell = () => {
    const message: GroupMessage = { gazette: 'group', state: state() }
    for (const worker of startedAt.keys()) if (worker.isConnected()) worker.send(message, () => {})
  }

  const fork = () => {
    const worker = cluster.fork()
    startedAt.set(worker, Date.now())
    worker.once('listening', tell)
    return worker
  }
  const listening = (worker: Worker) =>
    new Promise<boolean>((resolve) => {
      worker.once('listening', () => resolve(true))
      worker.once('exit', () => resolve(false))
    })
  const exited = (worker: Worker) =>
    new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve())))

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0)
    startedAt.delete(worker)
    // A worker that could not drain cleanly makes the group's exit a failure, as it would alone.
    if (stopping && code !== 0) failed = true
    const expected = retiring.delete(worker) || trial.delete(worker) || stopping
    if (stopping && startedAt.size === 0) finish()
    if (expected) return tell()
    crashes = lived < crashLoopMs ? crashes + 1 : 0
    const delay = crashes <= 1 ? 0 : Math.min(longestDelayMs, 1000 * 2 ** (crashes - 2))
    log('error', 'a worker died; replacing it', { exited: worker.id, pid: worker.process.pid, code, signal, delay })
    replaced++
    setTimeout(() => stopping || fork(), delay)
    tell()
  })

  async function reload() {
    if (reloading || stopping) return
    reloading = true
    log('info', 'reloading: replacing each worker in turn', { workers: startedAt.size })
    tell()
    for (const old of [...startedAt.keys()]) {
      // One that died meanwhile has been replaced already, by a worker running the new code.
      if (stopping || !startedAt.has(old) || retiring.has(old)) continue
      const fresh = fork()
      trial.add(fresh)
      if (!(await listening(fresh))) {
        log('error', 'a new worker did not start; the reload stops and the others keep serving', {})
        break
      }
      trial.delete(fresh)
      retiring.add(old)
      old.process.kill('SIGTERM')
      await exited(old)
    }
    reloading = false
    log('info', 'reloaded', { workers: startedAt.size })
    tell()
  }

  function stop(signal: string) {
    if (stopping) return
    stopping = true
    log('info', 'closing the group', { signal, workers: startedAt.size })
    // SIGINT from a terminal reaches the workers too; a second signal is harmless to them.
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM')
    if (startedAt.size === 0) finish()
  }
  function finish() {
    fs.rmSync(options.pidFile, { force: true })
    log('info', 'closed the group', {})
    process.exit(failed ? 1 : 0)
  }

  fs.writeFileSync(options.pidFile, `${process.pid}\n`)
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGHUP', () => void reload())
  for (let i = 0; i < options.workers; i++) fork()
  log('info', 'started a worker group', { workers: options.workers, pid: process.pid })
}

/** Where a group's primary writes its process id, for `npm run reload`: beside the database. */
export const pidFileFor = (databasePath: string) => `${databasePath}.pid`
