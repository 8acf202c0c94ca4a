import { type SQL, sql, type SQLWrapper } from 'drizzle-orm'
import { currentEngine, db, engine } from './client'

// The few places where SQLite and PostgreSQL spell the same thing differently. Everything else in
// db/ is drizzle's builder, which each engine's driver renders in its own dialect. SQL fragments
// follow the process's engine (they are built once, with the schema); statements run follow the
// database of the current scope.

/** The larger of two values per row (SQLite's two-argument max, PostgreSQL's greatest). */
export function greatest(a: SQLWrapper, b: SQLWrapper): SQL {
  return engine === 'postgres' ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`
}

/** `column IN (the ids of a JSON array bound as one value)`: one statement for any number of ids. */
export function inJsonIds(column: SQLWrapper, json: SQLWrapper): SQL {
  return engine === 'postgres'
    ? sql`${column} IN (SELECT jsonb_array_elements_text(${json}::jsonb)::integer)`
    : sql`${column} IN (SELECT value FROM json_each(${json}))`
}

/** How many items a JSON array column holds. */
export function jsonArrayLength(column: SQLWrapper): SQL<number> {
  return (engine === 'postgres' ? sql`jsonb_array_length(${column})` : sql`json_array_length(${column})`).mapWith(
    Number,
  )
}

/** The values of a group joined with commas (SQLite's group_concat, PostgreSQL's string_agg). */
export function joinedIds(column: SQLWrapper): SQL<string | null> {
  return engine === 'postgres' ? sql`string_agg(${column}::text, ',')` : sql`group_concat(${column})`
}

/**
 * The rows of a hand-written statement. Numbers PostgreSQL returns as text (bigint: counts and
 * epoch milliseconds) come back as text here too: callers convert with Number().
 */
export async function rows<T>(query: SQL): Promise<T[]> {
  if (currentEngine() === 'postgres') return (await postgres().execute(query)).rows as T[]
  return db.all<T>(query)
}

/** How many rows a write changed: better-sqlite3 says `changes`, node-postgres `rowCount`. */
export function affectedRows(result: unknown): number {
  const { changes, rowCount } = result as { changes?: number; rowCount?: number | null }
  return changes ?? rowCount ?? 0
}

/** Runs a hand-written statement that returns nothing. */
export async function run(query: SQL): Promise<void> {
  if (currentEngine() === 'postgres') await postgres().execute(query)
  else await db.run(query)
}

// `db` is typed as SQLite's builder, which has no execute(); on PostgreSQL the object has one.
const postgres = () => db as unknown as { execute(query: SQL): Promise<{ rows: unknown[] }> }
