import fs from 'node:fs'
import path from 'node:path'
import { mediaStore } from '@/db/media-store'
import { rewriteUserVersion } from '@/db/mutations/health'
import {
  databaseAnswers,
  databaseEngine,
  databaseFile,
  databaseOpenedReadOnly,
  postgresState,
} from '@/db/queries/health'
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
  /**
   * Which kind of store holds media, and since when it has been failing, as the last calls found
   * it. It never makes the status: every host shares the bucket, and a load balancer that took
   * them all out for it would stop the pages too. A check never waits on the store either.
   */
  media: { kind: 'folder' | 's3'; failingSince?: string }
  /** Which process answered, and who runs the work that must happen once. */
  server: {
    worker: number
    pid: number
    group?: GroupState
    /** Reader pages this process is rendering, and those waiting for a turn. */
    renders?: { rendering: number; waiting: number }
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
export async function databaseHealth(file?: string): Promise<Health> {
  const { database, disk } = databaseEngine() === 'postgres' ? await postgresHealth() : await sqliteHealth(file)
  const readable = database.readable
  const low = disk.low
  const lease = readable ? await findLease('background').catch(() => undefined) : undefined
  const store = mediaStore()
  const mediaFailing = store.failingSince()
  return {
    status: !readable ? 'down' : !database.writable || low ? 'degraded' : 'ok',
    database,
    disk,
    media: { kind: store.kind, ...(mediaFailing ? { failingSince: mediaFailing.toISOString() } : {}) },
    server: {
      worker: instance.worker,
      pid: instance.pid,
      ...(instance.group ? { group: instance.group } : {}),
      ...(instance.renderTurns
        ? { renders: { rendering: instance.renderTurns.activeCount, waiting: instance.renderTurns.pendingCount } }
        : {}),
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

type Parts = Pick<Health, 'database' | 'disk'>

/**
 * While writes have been failing, one real write tells whether they work again, when it can meet
 * the same failure (`provable`).
 */
async function writeFailureNow(writable: boolean, provable: (reason: WriteFailure) => boolean = () => true) {
  const failing = currentWriteFailure()
  if (failing && writable && provable(failing.reason)) await tryWrite('health check', rewriteUserVersion)
  return currentWriteFailure()?.reason
}

async function sqliteHealth(file = databaseFile()): Promise<Parts> {
  const readable = await databaseAnswers()
  let writable = false
  try {
    // The file and its folder (SQLite writes -wal and -shm beside it).
    fs.accessSync(file, fs.constants.W_OK)
    fs.accessSync(path.dirname(file), fs.constants.W_OK)
    writable = !databaseOpenedReadOnly()
  } catch {}
  // A server that recovered then reports ok without waiting for a reader's or an editor's write.
  const writeFailure = await writeFailureNow(writable)
  let freeBytes: number | undefined
  try {
    const stats = fs.statfsSync(path.dirname(file))
    freeBytes = stats.bavail * stats.bsize
  } catch {}
  return {
    database: {
      readable,
      writable: writable && !writeFailure,
      ...(writeFailure ? { writeFailure } : {}),
      sizeBytes: size(file),
      walBytes: size(`${file}-wal`),
    },
    disk: { freeBytes, low: freeBytes !== undefined && freeBytes < lowDiskBytes },
  }
}

/**
 * The server's disk is its operators' to watch: a full one shows here as a write failure, until a
 * write of the site's goes through again. The check's own write only reaches the WAL, which may
 * sit on another disk than the tables (a tablespace, or pg_wal moved): it cannot prove a full disk
 * or an I/O error gone.
 */
async function postgresHealth(): Promise<Parts> {
  const state = await postgresState()
  const writable = !!state && !state.readOnly
  const writeFailure =
    (await writeFailureNow(writable, (reason) => reason !== 'full' && reason !== 'io')) ??
    (!state ? 'unreachable' : state.readOnly ? 'readonly' : undefined)
  return {
    database: {
      readable: !!state,
      writable: writable && !writeFailure,
      ...(writeFailure ? { writeFailure } : {}),
      ...(state ? { sizeBytes: state.sizeBytes } : {}),
    },
    disk: {},
  }
}
