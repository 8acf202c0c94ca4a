// No 'server-only' here: the migrate, seed and start scripts import this under tsx.
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import path from 'node:path'
import * as schema from './schema'
import { env } from '../lib/env'

export const databasePath = path.resolve(/*turbopackIgnore: true*/ env.DATABASE_PATH)

/** Opens a SQLite file with the pragmas every Gazette connection needs. */
export function openDatabase(file: string = databasePath) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // Writers queue behind each other instead of failing at once with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

export type Drizzle = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/**
 * One database: the connection that writes, and the queue its transactions wait in. better-sqlite3
 * runs a statement synchronously, but our transactions are async (they await the queries inside
 * them, as node-postgres ones must), so two of them would otherwise interleave on one connection.
 */
export type Connection = {
  sqlite: Database.Database
  writer: Drizzle
  /**
   * A second, read-only connection for reads outside transactions: with WAL it sees only committed
   * data, so a page never shows a transaction that is still open on the writer (or rolls back).
   */
  reader: Drizzle
  queue: Promise<unknown>
}

export function connect(sqlite: Database.Database): Connection {
  const reader = new Database(sqlite.name, { readonly: true })
  reader.pragma('busy_timeout = 5000')
  return {
    sqlite,
    writer: drizzle(sqlite, { schema }),
    reader: drizzle(reader, { schema }),
    queue: Promise.resolve(),
  }
}

/** Closes both connections of a database opened with `connect`. */
export function disconnect(connection: Connection) {
  connection.reader.$client.close()
  connection.sqlite.close()
}

const g = globalThis as unknown as { gazetteConnection?: Connection }
// One connection per process, also across dev hot reloads and Next's module copies.
const main = (g.gazetteConnection ??= connect(openDatabase()))
export const sqlite = main.sqlite
/** The site database's connections, for shutdown. */
export const siteConnection = main

type Scope = { connection: Connection; depth: number; inTransaction: boolean }
const scope = new AsyncLocalStorage<Scope>()

function executor(): Drizzle {
  const store = scope.getStore()
  const connection = store?.connection ?? main
  return store?.inTransaction ? connection.writer : connection.reader
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

/** Runs `work` against another database file (an import target, a backup being checked). */
export function withDatabase<T>(connection: Connection, work: () => Promise<T>): Promise<T> {
  return scope.run({ connection, depth: 0, inTransaction: false }, work)
}

/**
 * Runs `work` as one transaction: everything it awaits commits together or not at all. Nested
 * calls become savepoints, so inside one, await each nested call before the next (never
 * Promise.all). Transactions on one database run one after another; `work` should await only the
 * database, since the write lock is held until it returns.
 */
export async function transaction<T>(work: () => Promise<T>): Promise<T> {
  const outer = scope.getStore()
  const connection = outer?.connection ?? main
  if (outer?.inTransaction) {
    const name = `s${outer.depth + 1}`
    connection.sqlite.exec(`SAVEPOINT ${name}`)
    try {
      const result = await scope.run({ connection, depth: outer.depth + 1, inTransaction: true }, work)
      connection.sqlite.exec(`RELEASE ${name}`)
      return result
    } catch (error) {
      connection.sqlite.exec(`ROLLBACK TO ${name}`)
      connection.sqlite.exec(`RELEASE ${name}`)
      throw error
    }
  }
  // Awaited in line rather than chained with .then(), so an error's stack still runs through the
  // code that called transaction() (V8 rebuilds async stacks only along awaits).
  const previous = connection.queue
  let done!: () => void
  connection.queue = new Promise<void>((resolve) => (done = resolve))
  try {
    await previous
    connection.sqlite.exec('BEGIN IMMEDIATE')
    try {
      const result = await scope.run({ connection, depth: 0, inTransaction: true }, work)
      connection.sqlite.exec('COMMIT')
      return result
    } catch (error) {
      if (connection.sqlite.inTransaction) connection.sqlite.exec('ROLLBACK')
      throw error
    }
  } finally {
    done()
  }
}

/**
 * A query built and compiled on first use, then only bound and run: drizzle otherwise rebuilds
 * the SQL text and SQLite recompiles it on every call, which was most of the time a reader page
 * spent in its queries. `build` ends in drizzle's `.prepare()` and takes values by placeholder.
 * Compiled once per connection, so a query run in a transaction or under `withDatabase()` uses it.
 */
export function prepared<T>(build: () => T): () => T {
  const compiled = new WeakMap<Drizzle, T>()
  return () => {
    const target = executor()
    let query = compiled.get(target)
    if (query === undefined) compiled.set(target, (query = build()))
    return query
  }
}

/**
 * The connection that writes to the current scope's database, outside any transaction: for the
 * migrator, which opens its own transaction and so cannot run inside `transaction()`.
 */
export function writerConnection(): Drizzle {
  return (scope.getStore()?.connection ?? main).writer
}
