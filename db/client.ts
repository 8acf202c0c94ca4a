// No 'server-only' here: the migrate, seed and start scripts import this under tsx.
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres'
import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import * as schema from './schema'
import { env } from '../lib/env'

export const databasePath = path.resolve(/*turbopackIgnore: true*/ env.DATABASE_PATH)

/** Which engine this process's database runs on: PostgreSQL when DATABASE_URL is set. */
export const engine: 'sqlite' | 'postgres' = env.DATABASE_URL ? 'postgres' : 'sqlite'

/** Opens a SQLite file with the pragmas every Gazette connection needs. */
export function openDatabase(file: string = databasePath) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // Writers queue behind each other instead of failing at once with SQLITE_BUSY.
  sqlite.pragma(`busy_timeout = ${env.DATABASE_BUSY_TIMEOUT_MS}`)
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

/**
 * The query builder every module in db/ is typed against. On PostgreSQL the object is drizzle's
 * node-postgres database over the same table names: the data layer awaits builders and compiled
 * queries (`prepared()`) and never calls better-sqlite3's synchronous `.get()`/`.all()`/`.run()`,
 * so one body of queries serves both engines.
 */
export type Drizzle = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

type SqliteConnection = {
  engine: 'sqlite'
  sqlite: Database.Database
  writer: Drizzle
  /**
   * A second, read-only connection for reads outside transactions: with WAL it sees only committed
   * data, so a page never shows a transaction that is still open on the writer (or rolls back).
   */
  reader: Drizzle
  /**
   * better-sqlite3 runs a statement synchronously, but our transactions are async (they await the
   * queries inside them, as node-postgres ones must), so two of them would otherwise interleave on
   * one connection: they wait here for their turn.
   */
  queue: Promise<unknown>
}

type PostgresConnection = {
  engine: 'postgres'
  pool: pg.Pool
  /** Reads and the migrator go through the pool; a transaction holds one client of it. */
  reader: Drizzle
  writer: Drizzle
}

/** One database: the site's, an import target, a backup being checked, a test's. */
export type Connection = SqliteConnection | PostgresConnection

export function connect(sqlite: Database.Database): Connection {
  const reader = new Database(sqlite.name, { readonly: true })
  reader.pragma(`busy_timeout = ${env.DATABASE_BUSY_TIMEOUT_MS}`)
  return {
    engine: 'sqlite',
    sqlite,
    writer: drizzle(sqlite, { schema }),
    reader: drizzle(reader, { schema }),
    queue: Promise.resolve(),
  }
}

/**
 * A bounded pool: a request waits at most five seconds for a connection, and a server that does
 * not answer fails the query instead of holding the request, so writers get a 503 and readers
 * their cached pages while the database is away; the pool reconnects by itself when it is back.
 */
export function connectPostgres(url: string, size = env.DATABASE_POOL_SIZE): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 30_000,
    application_name: 'gazette',
    // A script ends when its work does, not when idle connections time out.
    allowExitOnIdle: true,
  })
  // An idle client whose server went away emits an error; the next query reconnects.
  pool.on('error', () => {})
  const handle = drizzlePostgres(pool, { schema }) as unknown as Drizzle
  return { engine: 'postgres', pool, reader: handle, writer: handle }
}

/** Closes a database opened with `connect` or `connectPostgres`. */
export async function disconnect(connection: Connection) {
  if (connection.engine === 'postgres') return connection.pool.end()
  connection.reader.$client.close()
  connection.sqlite.close()
}

/** The site's database as the configuration names it, with the password left out. */
export function describeDatabase() {
  if (!env.DATABASE_URL) return `SQLite ${databasePath}`
  const url = new URL(env.DATABASE_URL)
  if (url.password) url.password = '***'
  return `PostgreSQL ${url.toString()}`
}

const g = globalThis as unknown as { gazetteConnection?: Connection }
// One connection per process, also across dev hot reloads and Next's module copies.
const main = (g.gazetteConnection ??= env.DATABASE_URL ? connectPostgres(env.DATABASE_URL) : connect(openDatabase()))
/** The SQLite handle of the site's database; undefined on PostgreSQL. */
export const sqlite = main.engine === 'sqlite' ? main.sqlite : undefined
/** The site database's connections, for shutdown. */
export const siteConnection = main

type Transaction = { handle: Drizzle; exec(statement: string): unknown }
type Scope = { connection: Connection; depth: number; transaction?: Transaction }
const scope = new AsyncLocalStorage<Scope>()

function executor(): Drizzle {
  const store = scope.getStore()
  return store?.transaction?.handle ?? (store?.connection ?? main).reader
}

/**
 * The database every query and mutation in db/ goes through: the open transaction's connection
 * inside `transaction()`, the database chosen by `withDatabase()`, else the site's database.
 */
export const db: Drizzle = new Proxy({} as Drizzle, {
  get(_, property) {
    const target = executor()
    const value = Reflect.get(target, property, target) as unknown
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
  },
})

// Each reading connection's counts are kept apart (by a multiple of 2^40 per connection), so that
// counts read from two connections are never taken for one another.
const dataVersions = new WeakMap<Database.Database, { statement: Database.Statement; base: number }>()
let readersCounted = 0

/**
 * A number that moves whenever a connection other than the reading one commits (SQLite's
 * data_version), read synchronously: while it stays the same, nothing anywhere has been written.
 * Undefined on PostgreSQL, which keeps no such count, and when the file cannot be read.
 */
export function dataVersion(): number | undefined {
  const connection = scope.getStore()?.connection ?? main
  if (connection.engine !== 'sqlite') return undefined
  const reader = connection.reader.$client
  let counted = dataVersions.get(reader)
  if (!counted) {
    counted = { statement: reader.prepare('PRAGMA data_version').pluck(), base: ++readersCounted * 2 ** 40 }
    dataVersions.set(reader, counted)
  }
  try {
    return counted.base + (counted.statement.get() as number)
  } catch {
    return undefined
  }
}

/** The engine of the current scope's database. */
export function currentEngine() {
  return (scope.getStore()?.connection ?? main).engine
}

/** Runs `work` against another database (an import target, a backup being checked). */
export function withDatabase<T>(connection: Connection, work: () => Promise<T>): Promise<T> {
  return scope.run({ connection, depth: 0 }, work)
}

// SQLSTATEs after which PostgreSQL asks for the whole transaction to be run again.
const retryable = new Set(['40001', '40P01'])
const attempts = 5

/**
 * Runs `work` as one transaction: everything it awaits commits together or not at all. Nested
 * calls become savepoints, so inside one, await each nested call before the next (never
 * Promise.all). `work` should await only the database: on SQLite the write lock is held until it
 * returns, and on PostgreSQL it may run again.
 *
 * SQLite runs one writer at a time (BEGIN IMMEDIATE), so a transaction that reads and then writes
 * (a free slug, a digest not yet sent) can trust what it read. PostgreSQL runs them side by side,
 * so they run SERIALIZABLE to keep that guarantee, and the one PostgreSQL picks to fail is run
 * again from the start.
 */
export async function transaction<T>(work: () => Promise<T>): Promise<T> {
  const outer = scope.getStore()
  const connection = outer?.connection ?? main
  if (outer?.transaction) {
    const { transaction: open } = outer
    const name = `s${outer.depth + 1}`
    await open.exec(`SAVEPOINT ${name}`)
    try {
      const result = await scope.run({ connection, depth: outer.depth + 1, transaction: open }, work)
      await open.exec(`RELEASE SAVEPOINT ${name}`)
      return result
    } catch (error) {
      await open.exec(`ROLLBACK TO SAVEPOINT ${name}`)
      await open.exec(`RELEASE SAVEPOINT ${name}`)
      throw error
    }
  }
  if (connection.engine === 'postgres') return postgresTransaction(connection, work)
  // Awaited in line rather than chained with .then(), so an error's stack still runs through the
  // code that called transaction() (V8 rebuilds async stacks only along awaits).
  const previous = connection.queue
  let done!: () => void
  connection.queue = new Promise<void>((resolve) => (done = resolve))
  try {
    await previous
    const { sqlite } = connection
    sqlite.exec('BEGIN IMMEDIATE')
    try {
      const open: Transaction = { handle: connection.writer, exec: (statement) => sqlite.exec(statement) }
      const result = await scope.run({ connection, depth: 0, transaction: open }, work)
      sqlite.exec('COMMIT')
      return result
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
      throw error
    }
  } finally {
    done()
  }
}

const commits = ((globalThis as unknown as { gazetteCommits?: { count: number } }).gazetteCommits ??= { count: 0 })

/** How many PostgreSQL transactions this process has committed (see memoForContent). */
export function localCommits() {
  return commits.count
}

async function postgresTransaction<T>(connection: PostgresConnection, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await connection.pool.connect()
    let broken = false
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE').catch((error: unknown) => standbyRefusal(client, error))
      const open: Transaction = {
        handle: drizzlePostgres(client, { schema }) as unknown as Drizzle,
        exec: (statement) => client.query(statement),
      }
      const result = await scope.run({ connection, depth: 0, transaction: open }, work)
      await client.query('COMMIT')
      commits.count++
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true))
      const code = sqlState(error)
      if (code && retryable.has(code) && attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt))
        continue
      }
      throw error
    } finally {
      client.release(broken)
    }
  }
}

/**
 * A hot standby refuses SERIALIZABLE at BEGIN (0A000, feature not supported), before a write
 * could say that it is read-only: thrown as the read-only error a write meets (25006), so that
 * writers get the 503 of a read-only database rather than a server error.
 */
async function standbyRefusal(client: pg.PoolClient, error: unknown): Promise<never> {
  if (sqlState(error) === '0A000') {
    const recovery = await client
      .query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby')
      .catch(() => undefined)
    if (recovery?.rows[0]?.standby)
      throw Object.assign(new Error('the server is a standby: it takes no writes', { cause: error }), {
        code: '25006',
      })
  }
  throw error
}

/** The SQLSTATE of a PostgreSQL error, also when drizzle wrapped it. */
export function sqlState(error: unknown): string | undefined {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

/**
 * Why the database could not be used, in one line for an operator: what start-up and the
 * command-line tools print instead of a stack trace.
 */
export function databaseProblem(error: unknown): string {
  // drizzle wraps the driver's error in one that quotes the whole statement: the driver's says it.
  let cause = error
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause
  const code = sqlState(error) ?? (cause as { code?: string }).code
  const message = cause instanceof Error ? cause.message : String(cause)
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused: is the server running, and listening on that host and port?'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host name'
    case 'ETIMEDOUT':
      return 'the server did not answer in time'
    case '28P01':
    case '28000':
      return `authentication failed: ${message}`
    case '3D000':
      return `${message} (create it first: createdb, or CREATE DATABASE)`
    case '42501':
      return `missing rights: ${message} (the role needs to own the database, or CREATE on its schema)`
    case '25006':
      return 'the server is read-only (a standby?): Gazette needs the primary'
    case 'SQLITE_CANTOPEN':
      return `cannot open the file: ${message}`
    default:
      return /timeout/i.test(message) ? 'the server did not answer in time' : message
  }
}

type Compilable = { prepare(): unknown }
type SqlitePrepared = { all(values?: Record<string, unknown>): unknown; get(values?: Record<string, unknown>): unknown }
type PostgresPrepared = { execute(values?: Record<string, unknown>): Promise<unknown> }

/** A query compiled once per connection: `all` gives every row, `get` the first. */
export type Prepared<Q extends SqlitePrepared> = {
  all(values?: Record<string, unknown>): Promise<ReturnType<Q['all']>>
  get(values?: Record<string, unknown>): Promise<ReturnType<Q['get']>>
}

function statementName(builder: unknown) {
  const { sql } = (builder as { toSQL(): { sql: string } }).toSQL()
  return `gazette_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`
}

/**
 * A query built and compiled on first use, then only bound and run: drizzle otherwise rebuilds
 * the SQL text (and SQLite recompiles it) on every call, which was most of the time a reader page
 * spent in its queries. `build` returns the builder, with values by placeholder. Compiled once per
 * connection, so a query run in a transaction or under `withDatabase()` uses it; on PostgreSQL it
 * becomes a named statement, which each pooled connection parses once.
 */
export function prepared<B extends Compilable>(
  build: () => B,
): Prepared<ReturnType<B['prepare']> extends SqlitePrepared ? ReturnType<B['prepare']> : never> {
  // The engine is kept with the statement: a hot query then asks the scope for its connection once.
  const compiled = new WeakMap<object, { query: unknown; sqlite: boolean }>()
  const compile = () => {
    const target = executor()
    let entry = compiled.get(target)
    if (entry === undefined) {
      const builder = build()
      const sqlite = currentEngine() === 'sqlite'
      // Named by its text: every route bundle has its own copy of this module, and a pooled
      // connection must never be handed one name for two statements.
      const name = sqlite ? undefined : statementName(builder)
      entry = { query: (builder.prepare as (name?: string) => unknown).call(builder, name), sqlite }
      compiled.set(target, entry)
    }
    return entry
  }
  type Result = Prepared<ReturnType<B['prepare']> extends SqlitePrepared ? ReturnType<B['prepare']> : never>
  return {
    all: async (values) => {
      const { query, sqlite } = compile()
      if (sqlite) return (query as SqlitePrepared).all(values)
      return (query as PostgresPrepared).execute(values)
    },
    get: async (values) => {
      const { query, sqlite } = compile()
      if (sqlite) return (query as SqlitePrepared).get(values)
      const rows = await (query as PostgresPrepared).execute(values)
      return Array.isArray(rows) ? rows[0] : rows
    },
  } as Result
}

/**
 * The connection that writes to the current scope's database, outside any transaction: for the
 * migrator, which opens its own transaction and so cannot run inside `transaction()`.
 */
export function writerConnection(): Drizzle {
  return (scope.getStore()?.connection ?? main).writer
}
