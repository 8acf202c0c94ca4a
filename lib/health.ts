import type Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { databasePath, sqlite } from '@/db/client'

/** Below this much free space the site still serves readers but is reported as degraded. */
export const lowDiskBytes = 256 * 1024 * 1024

export type Health = {
  status: 'ok' | 'degraded' | 'down'
  database: { readable: boolean; writable: boolean; sizeBytes?: number; walBytes?: number }
  disk: { freeBytes?: number; low?: boolean }
}

const size = (file: string) => {
  try {
    return fs.statSync(file).size
  } catch {
    return undefined
  }
}

/** What a monitor needs: can the database be read and written, and is the disk filling up. */
export function databaseHealth(db: Database.Database = sqlite, file: string = databasePath): Health {
  let readable = false
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    readable = true
  } catch {}
  let writable = false
  try {
    // The file and its folder (SQLite writes -wal and -shm beside it).
    fs.accessSync(file, fs.constants.W_OK)
    fs.accessSync(path.dirname(file), fs.constants.W_OK)
    writable = !db.readonly
  } catch {}
  let freeBytes: number | undefined
  try {
    const stats = fs.statfsSync(path.dirname(file))
    freeBytes = stats.bavail * stats.bsize
  } catch {}
  const low = freeBytes !== undefined && freeBytes < lowDiskBytes
  return {
    status: !readable ? 'down' : !writable || low ? 'degraded' : 'ok',
    database: { readable, writable, sizeBytes: size(file), walBytes: size(`${file}-wal`) },
    disk: { freeBytes, low },
  }
}
