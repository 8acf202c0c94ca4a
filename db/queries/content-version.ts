import 'server-only'
import { sql } from 'drizzle-orm'
import { db, prepared } from '../client'

/**
 * Bumped by every change readers can see: the id of the newest cache purge row, which the SQLite
 * triggers of drizzle/0004 write for articles, bylines, tags, sections, pages, settings, media and
 * people. AUTOINCREMENT keeps it growing after old rows are pruned.
 */
export async function getContentVersion(): Promise<number> {
  return currentVersion()
}

function currentVersion(): number {
  return versionQuery().get()?.seq ?? 0
}

const versionQuery = prepared(() =>
  db
    .select({ seq: sql<number>`seq` })
    .from(sql`sqlite_sequence`)
    .where(sql`name = 'cache_purges'`)
    .prepare(),
)

// On globalThis because every route bundle loads its own copy of this module.
const g = globalThis as unknown as { gazetteContentMemo?: Map<string, { version: number; value: unknown }> }
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
