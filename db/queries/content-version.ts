// No 'server-only': the front server notes the version it has read here.
import { sql } from 'drizzle-orm'
import { db, engine, localCommits } from '../client'
import { rows } from '../dialect'

/**
 * Bumped by every change readers can see: the id of the newest cache purge row, which the
 * triggers of drizzle/0004 (drizzle/postgres on PostgreSQL) write for articles, bylines, tags,
 * sections, pages, settings, media and people. The sequence keeps growing after old rows are
 * pruned.
 */
export async function getContentVersion(): Promise<number> {
  if (engine === 'sqlite') return sqliteVersion()
  const [row] = await rows<{ seq: string }>(
    sql`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS seq FROM cache_purges_id_seq`,
  )
  return Number(row?.seq ?? 0)
}

// Compiled once per connection; read synchronously, see memoForContent.
const versionQueries = new WeakMap<object, { get(): { seq: number } | undefined }>()

function sqliteVersion(): number {
  const client = db.$client
  let query = versionQueries.get(client)
  if (!query)
    versionQueries.set(
      client,
      (query = db
        .select({ seq: sql<number>`seq` })
        .from(sql`sqlite_sequence`)
        .where(sql`name = 'cache_purges'`)
        .prepare()),
    )
  return query.get()?.seq ?? 0
}

const seen = globalThis as unknown as { gazettePurgeSeen?: number }

/**
 * On PostgreSQL the version cannot be read synchronously, so the front server, which reads every
 * new purge row before each request, notes the newest here; memoForContent trusts it together
 * with the count of this process's own commits, whose purges the next poll has not read yet.
 */
export function noteContentVersion(purgeId: number) {
  seen.gazettePurgeSeen = purgeId
}

/** The version a memo is valid for; undefined where nothing keeps it current (no memo then). */
function currentVersion(): string | number | undefined {
  if (engine === 'sqlite') return sqliteVersion()
  return seen.gazettePurgeSeen === undefined ? undefined : `${seen.gazettePurgeSeen}:${localCommits()}`
}

// On globalThis because every route bundle loads its own copy of this module.
const g = globalThis as unknown as { gazetteContentMemo?: Map<string, { version: string | number; value: unknown }> }
const memo = (g.gazetteContentMemo ??= new Map())

/**
 * Site-wide aggregates (section counts, archive months) shown in every page's sidebar cost a pass
 * over every published article; they only change with the content, so each is computed once per
 * content version instead of once per render. `key` must name everything the value depends on.
 */
export function memoForContent<T>(key: string, compute: () => T): T {
  // The version is read synchronously from a compiled statement so a synchronous `compute` keeps
  // a synchronous result; an async one is memoized as its promise, dropped again if it rejects.
  const version = currentVersion()
  // Outside the front server (a script, a test) nothing notes the version on PostgreSQL: an
  // asynchronous compute then waits for the version read from the database.
  if (version === undefined) return getContentVersion().then((v) => memoAt(key, v, compute)) as T
  return memoAt(key, version, compute)
}

function memoAt<T>(key: string, version: string | number, compute: () => T): T {
  const hit = memo.get(key)
  if (hit?.version === version) return hit.value as T
  const value = compute()
  memo.set(key, { version, value })
  if (value instanceof Promise)
    value.catch(() => {
      if (memo.get(key)?.value === value) memo.delete(key)
    })
  return value
}
