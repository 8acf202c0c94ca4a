import Database from 'better-sqlite3'
import path from 'node:path'
import pg from 'pg'

/**
 * Where a test server keeps its data: a SQLite file, or a PostgreSQL database when `url` is set
 * (the file's folder still holds uploads and the outbox).
 */
export type TestDatabase = { path: string; url?: string }

/** The PostgreSQL database of the whole run when it is on PostgreSQL (scripts/test-postgres.ts). */
export const postgresUrl = process.env.E2E_DATABASE_URL || undefined
export const onPostgres = !!postgresUrl

/** The database the test server (playwright.config.ts webServer) runs on. */
export const mainDatabase: TestDatabase = { path: path.resolve('e2e/.data/test.db'), url: postgresUrl }

type Param = string | number | bigint | boolean | null | Buffer

/**
 * SQL on either engine, `?` placeholders on both. Rows come back alike: bigint and count(*) as
 * numbers, booleans as 0/1 and JSON columns as their text, as SQLite stores them.
 */
export type TestDb = {
  get<T = Record<string, unknown>>(sql: string, ...params: Param[]): Promise<T | undefined>
  all<T = Record<string, unknown>>(sql: string, ...params: Param[]): Promise<T[]>
  run(sql: string, ...params: Param[]): Promise<{ changes: number }>
  /** The first column of the first row. */
  value<T = unknown>(sql: string, ...params: Param[]): Promise<T | undefined>
  /** The first column of every row. */
  values<T = unknown>(sql: string, ...params: Param[]): Promise<T[]>
  /** Runs `work` in one transaction, so the server sees all of it or none. */
  transaction<T>(work: (db: TestDb) => Promise<T>): Promise<T>
  close(): Promise<void>
}

const opened = new Map<string, TestDb>()

/**
 * A connection to a test database, kept for the worker's life: the run's own by default. Every
 * statement outside `transaction()` commits on its own, so the server sees it at once.
 */
export function testDb(database: TestDatabase = mainDatabase): TestDb {
  const key = database.url ?? database.path
  let db = opened.get(key)
  if (!db) {
    db = database.url ? postgresDb(database.url) : sqliteDb(database.path)
    opened.set(key, db)
    const close = db.close
    db.close = async () => {
      opened.delete(key)
      await close()
    }
  }
  return db
}

function sqliteDb(file: string): TestDb {
  const sqlite = new Database(file, { fileMustExist: true })
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const bind = (params: Param[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p))
  const first = (row: unknown) => (row === undefined ? undefined : Object.values(row as object)[0])
  const db: TestDb = {
    get: async (sql, ...params) => sqlite.prepare(sql).get(...bind(params)) as never,
    all: async (sql, ...params) => sqlite.prepare(sql).all(...bind(params)) as never,
    run: async (sql, ...params) => ({ changes: sqlite.prepare(sql).run(...bind(params)).changes }),
    value: async (sql, ...params) => first(sqlite.prepare(sql).get(...bind(params))) as never,
    values: async (sql, ...params) =>
      sqlite
        .prepare(sql)
        .raw()
        .all(...bind(params))
        .map((row) => (row as unknown[])[0]) as never,
    async transaction(work) {
      // Not better-sqlite3's transaction(): it cannot wait for an async callback.
      sqlite.exec('BEGIN IMMEDIATE')
      try {
        const result = await work(db)
        sqlite.exec('COMMIT')
        return result
      } catch (error) {
        sqlite.exec('ROLLBACK')
        throw error
      }
    },
    close: async () => void sqlite.close(),
  }
  return db
}

const parsers: Record<number, (value: string) => unknown> = {
  [pg.types.builtins.INT8]: Number,
  [pg.types.builtins.NUMERIC]: Number,
  [pg.types.builtins.BOOL]: (v) => (v === 't' ? 1 : 0),
  [pg.types.builtins.JSON]: (v) => v,
  [pg.types.builtins.JSONB]: (v) => v,
}

function postgresDb(url: string): TestDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    allowExitOnIdle: true,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle connection dropped by the server (a test stopping it, or dropping a database) is not a failure.
  pool.on('error', () => {})
  return queries((sql, params) => pool.query(numbered(sql), params), {
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const inTransaction: TestDb = queries((sql, params) => client.query(numbered(sql), params), {
          transaction: (inner) => inner(inTransaction),
          close: async () => {},
        })
        const result = await work(inTransaction)
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  })
}

function queries(
  query: (sql: string, params: Param[]) => Promise<pg.QueryResult>,
  rest: Pick<TestDb, 'transaction' | 'close'>,
): TestDb {
  return {
    ...rest,
    get: async (sql, ...params) => (await query(sql, params)).rows[0],
    all: async (sql, ...params) => (await query(sql, params)).rows,
    run: async (sql, ...params) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
    value: async (sql, ...params) => {
      const row = (await query(sql, params)).rows[0]
      return (row === undefined ? undefined : Object.values(row)[0]) as never
    },
    values: async (sql, ...params) => (await query(sql, params)).rows.map((row) => Object.values(row)[0]) as never,
  }
}

/**
 * `?` placeholders as PostgreSQL's `$1, $2…`, and camelCase aliases quoted, as PostgreSQL folds
 * unquoted names to lower case; quoted text and identifiers are left alone.
 */
export function numbered(sql: string) {
  let n = 0
  return sql
    .split(/('(?:[^']|'')*'|"[^"]*")/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/\?/g, () => `$${++n}`).replace(/\b(AS|as)\s+([a-z]\w*[A-Z]\w*)\b/g, '$1 "$2"'),
    )
    .join('')
}

export function articleUrl(slug: string, publishedAt: number, timeZone = 'Asia/Kolkata') {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(publishedAt)
  const get = (t: string) => parts.find((p) => p.type === t)!.value
  return `/${get('year')}/${get('month')}/${get('day')}/${slug}/`
}
