import fs from 'node:fs'
import path from 'node:path'
import { rewriteUserVersion } from '@/db/mutations/health'
import { databaseAnswers, databaseFile, databaseOpenedReadOnly } from '@/db/queries/health'
import { findLease } from '@/db/queries/leases'
import { type GroupState, instance } from '@/lib/instance'
import { currentWriteFailure, tryWrite, type WriteFailure } from '@/lib/write-failure'

/** Below this much free space the site still serves readers but is reported as degraded. */
export const lowDiskBytes = 256 * 1024 * 1024

export type Health = {
  status: 'ok' | 'degraded' | 'down'
  database: {
    readable: boolean
    writable: boolean
    /** Why writes are failing (full disk, read-only, I/O error, locked), while they are. */
    writeFailure?: WriteFailure
    sizeBytes?: number
    walBytes?: number
  }
  disk: { freeBytes?: number; low?: boolean }
  /** Which process answered, and who runs the work that must happen once. */
  server: {
    worker: number
    pid: number
    group?: GroupState
    background?: { owner: string; expiresAt: string; here: boolean }
  }
}

const size = (file: string) => {
  try {
    return fs.statSync(file).size
  } catch {
    return undefined
  }
}

/**
 * What a monitor needs: can the current scope's database (the site's, unless `withDatabase()`
 * chose another) be read and written, and is the disk filling up.
 */
export async function databaseHealth(file: string = databaseFile()): Promise<Health> {
  const readable = await databaseAnswers()
  let writable = false
  try {
    // The file and its folder (SQLite writes -wal and -shm beside it).
    fs.accessSync(file, fs.constants.W_OK)
    fs.accessSync(path.dirname(file), fs.constants.W_OK)
    writable = !databaseOpenedReadOnly()
  } catch {}
  // While writes have been failing, one real write tells whether they work again. A server that
  // recovered then reports ok without waiting for a reader's or an editor's write.
  if (currentWriteFailure() && writable) await tryWrite('health check', rewriteUserVersion)
  const writeFailure = currentWriteFailure()?.reason
  let freeBytes: number | undefined
  try {
    const stats = fs.statfsSync(path.dirname(file))
    freeBytes = stats.bavail * stats.bsize
  } catch {}
  const low = freeBytes !== undefined && freeBytes < lowDiskBytes
  const lease = readable ? await findLease('background').catch(() => undefined) : undefined
  return {
    status: !readable ? 'down' : !writable || writeFailure || low ? 'degraded' : 'ok',
    database: {
      readable,
      writable: writable && !writeFailure,
      ...(writeFailure ? { writeFailure } : {}),
      sizeBytes: size(file),
      walBytes: size(`${file}-wal`),
    },
    disk: { freeBytes, low },
    server: {
      worker: instance.worker,
      pid: instance.pid,
      ...(instance.group ? { group: instance.group } : {}),
      ...(lease
        ? {
            background: {
              owner: lease.owner,
              expiresAt: lease.expiresAt.toISOString(),
              here: lease.owner === instance.owner,
            },
          }
        : {}),
    },
  }
}
