// No 'server-only' here: the start script and the front server import this under tsx.
import { AsyncLocalStorage } from 'node:async_hooks'
import { log } from './log'

/**
 * Why the database cannot take a write at the moment. Each is a state of the machine, not of the
 * request: a full disk, a file or file system that is read-only (or a PostgreSQL standby), an I/O
 * error, another process holding the write lock past the busy timeout, or a database server that
 * cannot be reached; or the object storage that holds media not answering. Every one of them
 * passes without a restart.
 */
export type WriteFailure = 'full' | 'readonly' | 'io' | 'busy' | 'unreachable' | 'storage'

/**
 * The `code` of an error from db/media-store.ts when the object storage fails. Its own code, so a
 * refused connection to the bucket is never reported as the database server being away.
 */
export const mediaStoreFailureCode = 'GAZETTE_MEDIA_STORE_UNAVAILABLE'

/** How long a refused writer is asked to wait, in seconds (the Retry-After of a 503). */
export const retryAfterSeconds = 120

const reasons: Record<WriteFailure, string> = {
  full: 'the disk is full',
  readonly: 'the database is read-only',
  io: 'the database cannot be written to',
  busy: 'the database is busy with other work',
  unreachable: 'the database server cannot be reached',
  storage: 'the media storage cannot be reached',
}

/** What a writer is told, in plain words: what happened, that nothing was saved, what to do. */
export function writeFailureMessage(reason: WriteFailure) {
  return `The site cannot save changes right now (${reasons[reason]}). Nothing was saved; please try again in a few minutes.`
}

// PostgreSQL's SQLSTATEs for the same states, and node-postgres's errors for a server that is away.
const postgresFailures: Record<string, WriteFailure> = {
  '53100': 'full', // disk_full
  '25006': 'readonly', // read_only_sql_transaction: a standby, or a read-only database
  '58030': 'io', // io_error
  '40001': 'busy', // serialization_failure, still failing after the retries
  '40P01': 'busy', // deadlock_detected
  '55P03': 'busy', // lock_not_available
  '57014': 'busy', // query_canceled: the statement timeout
  '57P01': 'unreachable', // admin_shutdown
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now: starting up or recovering
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ETIMEDOUT: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
}
const unreachableMessage = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout)/

/**
 * The write failure an error stands for, or undefined for any other error. better-sqlite3 throws
 * `SqliteError` with SQLite's extended code (`SQLITE_IOERR_WRITE`, `SQLITE_READONLY_DBMOVED`…),
 * node-postgres a SQLSTATE (class 08 is a lost connection) or a socket's error code; drizzle may
 * wrap either, so the cause chain is followed.
 */
export function writeFailureOf(error: unknown): WriteFailure | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code
    if (e instanceof Error && unreachableMessage.test(e.message)) return 'unreachable'
    if (typeof code !== 'string') continue
    if (code === mediaStoreFailureCode) return 'storage'
    if (postgresFailures[code]) return postgresFailures[code]
    if (code.startsWith('08')) return 'unreachable'
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'full'
    if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'readonly'
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io'
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy'
  }
  return undefined
}

type State = {
  /** The failure the last write met, until a write succeeds again. */
  failing?: { reason: WriteFailure; since: number; where: string }
  /** Per request: set when one of its writes failed, so the front server can answer 503. */
  request: AsyncLocalStorage<{ failure?: WriteFailure }>
}

// One state per process: the start script, the front server and Next's bundled copies of this
// module must all see the same one.
const key = Symbol.for('gazette.writeFailure')
const g = globalThis as unknown as Record<symbol, State | undefined>
const state: State = (g[key] ??= { request: new AsyncLocalStorage() })

/** The failure writes are meeting now, if the last one failed. */
export function currentWriteFailure() {
  return state.failing
}

/**
 * Records a write that failed for a passing reason. One log line when the state changes (the
 * first failure, or a different reason), none for the writes that keep failing the same way.
 */
export function reportWriteFailure(reason: WriteFailure, where: string) {
  const store = state.request.getStore()
  if (store) store.failure = reason
  // The object storage's state is kept and logged by db/media-store.ts: a database write that
  // succeeds says nothing about it, and health's view of the database must not count it.
  if (reason === 'storage') return
  if (state.failing?.reason === reason) return
  state.failing = { reason, since: Date.now(), where }
  log('error', 'database writes failing', { reason, where })
}

/** Records a write that succeeded: the end of a failing state is logged once. */
export function reportWriteSuccess() {
  if (!state.failing) return
  const { reason, since } = state.failing
  state.failing = undefined
  log('info', 'database writes working again', { reason, failingMs: Date.now() - since })
}

/**
 * Runs a write and reports how it went. A write failure is reported and returned instead of
 * thrown; any other error is thrown as before. Only a write that changed something proves the
 * database writable again (`wrote`): a DELETE matching no row succeeds on a full disk too, and
 * counting it would log the state flipping back and forth.
 */
export async function tryWrite<T>(
  where: string,
  write: () => Promise<T>,
  wrote: (value: T) => boolean = () => true,
): Promise<{ ok: true; value: T } | { ok: false; reason: WriteFailure }> {
  try {
    const value = await write()
    if (wrote(value)) reportWriteSuccess()
    return { ok: true, value }
  } catch (error) {
    const reason = writeFailureOf(error)
    if (!reason) throw error
    reportWriteFailure(reason, where)
    return { ok: false, reason }
  }
}

/** Runs `handle` with `store` as the place where a write failure of this request is recorded. */
export function withWriteTracking<T>(store: { failure?: WriteFailure }, handle: () => T): T {
  return state.request.run(store, handle)
}

/** The answer of a route handler whose write met a full disk or a read-only database. */
export function writeFailureResponse(reason: WriteFailure) {
  return new Response(`${writeFailureMessage(reason)}\n`, {
    status: 503,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Retry-After': String(retryAfterSeconds),
      'Cache-Control': 'no-store',
    },
  })
}

/**
 * Runs a route handler; a write failure becomes the 503 above instead of Next's 500. Handlers
 * with a form to give back (comments) catch it themselves.
 */
export async function answeringWriteFailures(where: string, handle: () => Promise<Response>) {
  try {
    const response = await handle()
    reportWriteSuccess()
    return response
  } catch (error) {
    const reason = writeFailureOf(error)
    if (!reason) throw error
    reportWriteFailure(reason, where)
    return writeFailureResponse(reason)
  }
}
