// Moving a whole site between SQLite and PostgreSQL (npm run db:copy). Both schema modules are used
// side by side, each with a drizzle instance of its own engine: they define the same tables under
// the same names (db/schema-parity.test.ts), so a row read through one is written through the other.
// No db/client here: it opens the configured site database on import, which neither end may be.
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { type Column, getTableColumns, getTableName, is, sql } from 'drizzle-orm'
import { type BetterSQLite3Database, drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle as drizzlePostgres, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator'
import { getTableConfig as postgresTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import pg from 'pg'
import * as postgresSchema from './postgres/schema'
import * as sqliteSchema from './sqlite/schema'

/** One end of a copy: a SQLite file or a PostgreSQL database. */
export type Endpoint = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string }

/** A postgres:// URL names a PostgreSQL database; anything else is a SQLite file. */
export function parseEndpoint(value: string): Endpoint {
  return /^postgres(ql)?:\/\//i.test(value)
    ? { engine: 'postgres', url: value }
    : { engine: 'sqlite', file: path.resolve(value) }
}

/** An endpoint for messages: the URL's password is never shown. */
export function describeEndpoint(endpoint: Endpoint) {
  if (endpoint.engine === 'sqlite') return `SQLite ${endpoint.file}`
  const url = new URL(endpoint.url)
  if (url.password) url.password = '***'
  return `PostgreSQL ${url.toString()}`
}

/** A refusal or failure meant for the person running the command. */
export class CopyError extends Error {}

export type OpenEndpoint =
  | { engine: 'sqlite'; sqlite: Database.Database; db: BetterSQLite3Database }
  | { engine: 'postgres'; client: pg.Client; db: NodePgDatabase }

/** One table under both engines, with the JS keys of its columns and of its primary key. */
export type CopiedTable = { name: string; sqlite: SQLiteTable; postgres: PgTable; keys: string[]; primaryKey: string[] }

function primaryKeyOf(columns: Record<string, Column>, config: { primaryKeys: { columns: Column[] }[] }) {
  const single = Object.keys(columns).filter((key) => columns[key]!.primary)
  if (single.length) return single
  const composite = config.primaryKeys[0]?.columns ?? []
  return composite.map((column) => Object.keys(columns).find((key) => columns[key]!.name === column.name)!)
}

/** Every table of the schema, in the order they are copied. */
export function schemaTables(): CopiedTable[] {
  const tables = Object.entries(sqliteSchema).flatMap(([name, table]) => {
    if (!is(table, SQLiteTable)) return []
    const counterpart = (postgresSchema as Record<string, unknown>)[name]
    if (!is(counterpart, PgTable)) throw new Error(`Table ${name} is missing from db/postgres/schema.ts`)
    const columns = getTableColumns(table) as Record<string, Column>
    return [
      {
        name: getTableName(table),
        sqlite: table,
        postgres: counterpart,
        keys: Object.keys(columns).sort(),
        primaryKey: primaryKeyOf(columns, sqliteTableConfig(table)),
      },
    ]
  })
  for (const table of tables) {
    const postgresKey = primaryKeyOf(
      getTableColumns(table.postgres) as Record<string, Column>,
      postgresTableConfig(table.postgres),
    )
    if (postgresKey.join() !== table.primaryKey.join()) throw new Error(`The primary keys of ${table.name} differ`)
  }
  // On SQLite the triggers of the other tables add purge events as their rows go in: the purge
  // log is copied last, over them.
  return [...tables.filter((t) => t.name !== 'cache_purges'), ...tables.filter((t) => t.name === 'cache_purges')]
}

/** Opens an end of a copy; a source must already exist, a SQLite target is created. */
export async function openEndpoint(endpoint: Endpoint, role: 'source' | 'target'): Promise<OpenEndpoint> {
  if (endpoint.engine === 'sqlite') {
    if (role === 'source' && !fs.existsSync(endpoint.file)) throw new CopyError(`${endpoint.file} does not exist.`)
    if (role === 'target') fs.mkdirSync(path.dirname(endpoint.file), { recursive: true })
    const sqlite = new Database(endpoint.file, { readonly: role === 'source', fileMustExist: role === 'source' })
    sqlite.pragma('busy_timeout = 5000')
    if (role === 'target') sqlite.pragma('journal_mode = WAL')
    return { engine: 'sqlite', sqlite, db: drizzleSqlite(sqlite) }
  }
  const client = new pg.Client({ connectionString: endpoint.url, application_name: 'gazette db:copy' })
  await client.connect()
  // An idle client whose server went away emits an error; the next query reports it.
  client.on('error', () => {})
  return { engine: 'postgres', client, db: drizzlePostgres(client) }
}

export async function closeEndpoint(end: OpenEndpoint) {
  if (end.engine === 'sqlite') end.sqlite.close()
  else await end.client.end()
}

/** True when the database has Gazette's migrations table. */
export async function isGazetteDatabase(end: OpenEndpoint) {
  if (end.engine === 'sqlite') {
    const row = end.sqlite
      .prepare(`select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'`)
      .get() as { n: number }
    return row.n > 0
  }
  const { rows } = await end.client.query<{ found: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as found`,
  )
  return rows[0]!.found
}

/** Brings a target to the latest schema with its engine's own migrations. */
export async function migrateEndpoint(end: OpenEndpoint) {
  const root = process.cwd()
  if (end.engine === 'sqlite') migrateSqlite(end.db, { migrationsFolder: path.join(root, 'drizzle') })
  else await migratePostgres(end.db, { migrationsFolder: path.join(root, 'drizzle/postgres') })
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/** How many rows each table holds. */
export async function countRows(end: OpenEndpoint, tables: CopiedTable[]) {
  const counts = new Map<string, number>()
  for (const table of tables) {
    const statement = `select count(*) as n from ${quoted(table.name)}`
    const n =
      end.engine === 'sqlite'
        ? (end.sqlite.prepare(statement).get() as { n: number }).n
        : Number((await end.client.query<{ n: string }>(statement)).rows[0]!.n)
    counts.set(table.name, n)
  }
  return counts
}

// Bind parameters per statement: PostgreSQL allows 65 535, SQLite 32 766.
const parametersPerInsert = 30_000
const batchSize = (table: CopiedTable) =>
  Math.max(1, Math.min(1000, Math.floor(parametersPerInsert / table.keys.length)))

type Row = Record<string, unknown>

async function readPage(end: OpenEndpoint, table: CopiedTable, limit: number, offset: number): Promise<Row[]> {
  if (end.engine === 'sqlite') {
    const columns = getTableColumns(table.sqlite) as Record<string, Column>
    const order = table.primaryKey.map((key) => sql`${columns[key]!}`)
    return end.db
      .select()
      .from(table.sqlite)
      .orderBy(...order)
      .limit(limit)
      .offset(offset)
      .all() as Row[]
  }
  const columns = getTableColumns(table.postgres) as Record<string, Column>
  const order = table.primaryKey.map((key) => sql`${columns[key]!}`)
  return (await end.db
    .select()
    .from(table.postgres)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)) as Row[]
}

async function insertRows(end: OpenEndpoint, table: CopiedTable, rows: Row[]) {
  if (end.engine === 'sqlite') end.db.insert(table.sqlite).values(rows).run()
  else await end.db.insert(table.postgres).values(rows)
}

/** A value as the same text on both engines: instants as epoch ms, JSON with its keys sorted. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() }
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((key) => [key, canonical(object[key])]),
    )
  }
  return value
}

/**
 * A table's checksum, built from one sha256 per row: sorted before they are combined, so the order
 * each engine sorts text keys in (byte order, or the database's collation) does not matter.
 */
class TableChecksum {
  private digests: Buffer[] = []
  constructor(private keys: string[]) {}
  add(rows: Row[]) {
    for (const row of rows) {
      const text = JSON.stringify(this.keys.map((key) => canonical(row[key] ?? null)))
      this.digests.push(createHash('sha256').update(text).digest())
    }
  }
  get rows() {
    return this.digests.length
  }
  digest() {
    const hash = createHash('sha256')
    for (const d of this.digests.sort(Buffer.compare)) hash.update(d)
    return hash.digest('hex')
  }
}

export type TableSummary = { table: string; rows: number; checksum: string }
export type Progress = { table: string; copied: number; total: number }

/** Reads every row of every table and returns each table's row count and checksum. */
export async function checksumTables(end: OpenEndpoint, tables: CopiedTable[]): Promise<TableSummary[]> {
  const summaries: TableSummary[] = []
  for (const table of tables) {
    const checksum = new TableChecksum(table.keys)
    const size = batchSize(table)
    for (let offset = 0; ; offset += size) {
      const rows = await readPage(end, table, size, offset)
      checksum.add(rows)
      if (rows.length < size) break
    }
    summaries.push({ table: table.name, rows: checksum.rows, checksum: checksum.digest() })
  }
  return summaries
}

async function execute(end: OpenEndpoint, statement: string) {
  if (end.engine === 'sqlite') end.sqlite.exec(statement)
  else await end.client.query(statement)
}

/**
 * Copies every table from `source` to `target` in one transaction on each side: the source is read
 * from one snapshot, the target commits all or nothing. Ids are kept; foreign keys and triggers are
 * off on the target meanwhile, so tables go in any order, and whatever the engine derives (SQLite's
 * full-text index, PostgreSQL's identity sequences) is rebuilt afterwards. With `replace`, the
 * target's rows are deleted first. Returns the source's row counts and checksums as read.
 */
export async function copyTables(
  source: OpenEndpoint,
  target: OpenEndpoint,
  tables: CopiedTable[],
  { replace = false, onProgress }: { replace?: boolean; onProgress?: (progress: Progress) => void } = {},
): Promise<TableSummary[]> {
  await execute(source, source.engine === 'sqlite' ? 'BEGIN' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const totals = await countRows(source, tables)
    // Outside a transaction: SQLite ignores the pragma inside one.
    if (target.engine === 'sqlite') target.sqlite.pragma('foreign_keys = OFF')
    await execute(target, target.engine === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN')
    try {
      if (target.engine === 'postgres') {
        try {
          // Triggers (cache purges, the article sections rule) and foreign keys rest for this transaction.
          await target.client.query('SET LOCAL session_replication_role = replica')
        } catch (error) {
          if ((error as { code?: string }).code !== '42501') throw error
          throw new CopyError(
            'copying into PostgreSQL needs a role that may set session_replication_role: a superuser, or, ' +
              'on PostgreSQL 15 and later, one granted it (GRANT SET ON PARAMETER session_replication_role TO <role>).',
          )
        }
      }
      if (replace) await deleteAll(target, tables)
      const summaries: TableSummary[] = []
      for (const table of tables) {
        if (table.name === 'cache_purges' && target.engine === 'sqlite') {
          target.sqlite.exec('DELETE FROM cache_purges')
        }
        const total = totals.get(table.name) ?? 0
        const checksum = new TableChecksum(table.keys)
        const size = batchSize(table)
        onProgress?.({ table: table.name, copied: 0, total })
        for (let offset = 0; ; offset += size) {
          const rows = await readPage(source, table, size, offset)
          if (rows.length) await insertRows(target, table, rows)
          checksum.add(rows)
          onProgress?.({ table: table.name, copied: checksum.rows, total })
          if (rows.length < size) break
        }
        summaries.push({ table: table.name, rows: checksum.rows, checksum: checksum.digest() })
      }
      await finishTarget(target, tables)
      await execute(target, 'COMMIT')
      return summaries
    } catch (error) {
      await execute(target, 'ROLLBACK').catch(() => {})
      throw error
    } finally {
      if (target.engine === 'sqlite') target.sqlite.pragma('foreign_keys = ON')
    }
  } finally {
    await execute(source, source.engine === 'sqlite' ? 'COMMIT' : 'ROLLBACK').catch(() => {})
  }
}

async function deleteAll(target: OpenEndpoint, tables: CopiedTable[]) {
  if (target.engine === 'postgres') {
    await target.client.query(`TRUNCATE ${tables.map((t) => quoted(t.name)).join(', ')} RESTART IDENTITY`)
    return
  }
  for (const table of tables) target.sqlite.exec(`DELETE FROM ${quoted(table.name)}`)
  target.sqlite.exec('DELETE FROM sqlite_sequence')
}

async function finishTarget(target: OpenEndpoint, tables: CopiedTable[]) {
  if (target.engine === 'postgres') {
    // Rows went in with their ids, so each identity sequence still stands at its start.
    for (const table of tables.filter((t) => t.keys.includes('id') && t.primaryKey.join() === 'id')) {
      const name = quoted(table.name)
      await target.client.query(
        `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 0) + 1, false) FROM ${name}`,
        [name],
      )
    }
    return
  }
  const { sqlite } = target
  // The purge log's own counter continues from the copied events, not from those the triggers
  // wrote while the other tables went in.
  sqlite.exec(`DELETE FROM sqlite_sequence WHERE name = 'cache_purges'`)
  sqlite.exec(
    `INSERT INTO sqlite_sequence (name, seq) SELECT 'cache_purges', max(id) FROM cache_purges HAVING max(id) IS NOT NULL`,
  )
  // The full-text index holds published articles only (drizzle/0009): never FTS5's 'rebuild'.
  sqlite.exec(`INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')`)
  sqlite.exec(
    `INSERT INTO articles_fts(rowid, title, standfirst, body_text)
       SELECT id, title, standfirst, body_text FROM articles WHERE status = 'published'`,
  )
  const broken = sqlite.pragma('foreign_key_check') as { table: string }[]
  if (broken.length) {
    const names = [...new Set(broken.map((row) => row.table))].join(', ')
    throw new CopyError(`${broken.length} row(s) refer to rows that do not exist (in ${names}); nothing was copied.`)
  }
}

/**
 * Refreshes the planner's statistics after a bulk load. On PostgreSQL a VACUUM as well: until the
 * visibility map is set, counts and listings cannot be answered from their indexes alone and read
 * the table instead, which autovacuum would only fix some time after the site is serving.
 */
export async function analyze(end: OpenEndpoint) {
  await execute(end, end.engine === 'sqlite' ? 'PRAGMA optimize' : 'VACUUM (ANALYZE)')
}
