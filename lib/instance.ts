import cluster from 'node:cluster'
import { randomBytes } from 'node:crypto'
import os from 'node:os'

/** What the primary of a worker group tells its workers, for /api/health/. */
export type GroupState = {
  workers: { id: number; pid: number; startedAt: string }[]
  /** Workers replaced after dying, since the group started. */
  replaced: number
  reloading: boolean
}

type Instance = {
  /** The cluster worker id; 0 for a server that runs alone. */
  worker: number
  pid: number
  /** Names this process among every server sharing the database, on any host: a lease's owner. */
  owner: string
  group?: GroupState
  /** The front server's turns for renders (server/reader-handler.ts), as p-limit counts them. */
  renderTurns?: { readonly activeCount: number; readonly pendingCount: number }
}

// Shared through globalThis: Next's bundles and the HTTP server load separate copies of this module.
const g = globalThis as unknown as { gazetteInstance?: Instance }

/** This server process: which worker it is, and the state of its group as last told. */
export const instance: Instance = (g.gazetteInstance ??= {
  worker: cluster.worker?.id ?? 0,
  pid: process.pid,
  owner: `${os.hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`,
})
