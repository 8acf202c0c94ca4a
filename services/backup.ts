// No 'server-only' here: the backup and restore scripts and the server's timer import this under tsx.
import fs from 'node:fs'
import path from 'node:path'
import {
  copyDatabaseTo,
  currentDatabase,
  dumpDatabaseTo,
  leaveWalMode,
  makeSelfContained,
  migrateRestoredFile,
  restoreDumpFile,
} from '@/db/mutations/backup'
import { folderStore, type MediaStore } from '@/db/media-store'
import { inspectDatabaseFile, inspectDumpFile, otherSessions } from '@/db/queries/backup'
import { env } from '@/lib/env'

export type BackupResult = { file: string; bytes: number; ms: number; uploadsCopied: number; deleted: string[] }
export type Retention = { keep?: number; keepDays?: number }

/** Where backups go: BACKUP_DIR, or `backups/` beside the database. */
export function backupDir(databaseFile: string) {
  return path.resolve(env.BACKUP_DIR || path.join(path.dirname(path.resolve(databaseFile)), 'backups'))
}

// 2026-11-23T03:40:07.123Z → 20261123T034007123Z: sorts by name in time order and is safe in any file system.
const stamp = (d: Date) => d.toISOString().replace(/[-:.]/g, '')
const backupName = (base: string, d: Date, suffix = '.db') => `${base}-${stamp(d)}${suffix}`
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Backups of this database in `dir`, newest first: `<name>-<time>.db` of a SQLite file, or
 * `<name>-<time>.dump` (pg_dump's custom format) of a PostgreSQL database, `databaseFile` then
 * being `<database name>.dump`.
 */
export function listBackups(dir: string, databaseFile: string, suffix = '.db') {
  const base = path.basename(databaseFile, path.extname(databaseFile))
  const pattern = new RegExp(
    `^${escape(base)}-(\\d{4})(\\d\\d)(\\d\\d)T(\\d\\d)(\\d\\d)(\\d\\d)(\\d{3})Z${escape(suffix)}$`,
  )
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .flatMap((name) => {
      const m = pattern.exec(name)
      if (!m) return []
      const [, y, mo, d, h, mi, sec, ms] = m
      const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}.${ms}Z`)
      return [{ file: path.join(dir, name), at }]
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime())
}

/**
 * Deletes backups beyond the newest `keep` and those older than `keepDays`; the newest backup is
 * never deleted, so a long pause in backups cannot leave none.
 */
export function pruneBackups(
  dir: string,
  databaseFile: string,
  { keep, keepDays }: Retention,
  now = new Date(),
  suffix = '.db',
) {
  const cutoff = keepDays ? now.getTime() - keepDays * 86_400_000 : -Infinity
  const deleted: string[] = []
  for (const [i, b] of listBackups(dir, databaseFile, suffix).entries()) {
    if (i === 0) continue
    if ((keep && i >= keep) || b.at.getTime() < cutoff) {
      fs.rmSync(b.file, { force: true })
      deleted.push(b.file)
    }
  }
  return deleted
}

/** Problems that make `file` unusable as a Gazette database; empty when it is sound. */
export function checkGazetteDatabase(file: string): string[] {
  if (!fs.existsSync(file)) return [`${file} does not exist.`]
  try {
    const { problems, migrated } = inspectDatabaseFile(file)
    if (problems.length) return [`${file} failed the integrity check: ${problems.slice(0, 5).join('; ')}`]
    if (!migrated) return [`${file} is a SQLite database but not a Gazette one (it has no migrations table).`]
    return []
  } catch (error) {
    return [`${file} is not a readable SQLite database (${(error as Error).message}).`]
  }
}

type Database = Awaited<ReturnType<typeof currentDatabase>>

/** What a database's backups are named after: its file, or `<database name>.dump` on PostgreSQL. */
function naming(database: Database) {
  if (database.engine === 'sqlite') return { databaseFile: database.file, suffix: '.db' }
  const name = decodeURIComponent(new URL(database.url).pathname.slice(1)) || 'postgres'
  return { databaseFile: `${name}.dump`, suffix: '.dump' }
}

// Tables every Gazette database has had since its first migration, besides the migrations table.
const coreTables = ['drizzle.__drizzle_migrations', 'public.users', 'public.articles', 'public.settings']

/**
 * Problems that make `file` unusable as a backup of a PostgreSQL Gazette database; empty when it
 * is sound: pg_restore reads the whole archive, and its table of contents has the data of
 * Gazette's migrations table and core tables.
 */
export async function checkPostgresBackup(file: string): Promise<string[]> {
  if (!fs.existsSync(file)) return [`${file} does not exist.`]
  const head = Buffer.alloc(16)
  const fd = fs.openSync(file, 'r')
  fs.readSync(fd, head, 0, 16, 0)
  fs.closeSync(fd)
  if (head.toString('latin1').startsWith('SQLite format 3'))
    return [
      `${file} is a backup of a SQLite database, and this site runs on PostgreSQL ` +
        '(npm run db:copy moves a site between engines).',
    ]
  if (!head.toString('latin1').startsWith('PGDMP'))
    return [`${file} is not a pg_dump archive in custom format (a backup of a PostgreSQL site).`]
  try {
    const { tables } = await inspectDumpFile(file)
    const missing = coreTables.filter((t) => !tables.includes(t))
    if (missing.length) return [`${file} is not a backup of a Gazette database (it lacks ${missing.join(', ')}).`]
    return []
  } catch (error) {
    return [`${file} is not a readable pg_dump archive (${(error as Error).message}).`]
  }
}

/**
 * Copies the current scope's database through SQLite's backup API under a temporary name, turns
 * the copy into a self-contained rollback-journal file, checks it, then renames it into place: a
 * file with a backup's name is always complete and sound.
 */
export async function backupDatabase({
  dir,
  retention = {},
  now = new Date(),
  uploads,
}: {
  dir: string
  retention?: Retention
  now?: Date
  /** The media to copy beside the database: the site's store, or a folder. */
  uploads?: MediaStore | string
}): Promise<BackupResult> {
  const started = performance.now()
  const database = await currentDatabase()
  const { databaseFile, suffix } = naming(database)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, backupName(path.basename(databaseFile, path.extname(databaseFile)), now, suffix))
  const tmp = `${file}.tmp`
  fs.rmSync(tmp, { force: true })
  try {
    if (database.engine === 'postgres') {
      await dumpDatabaseTo(database.url, tmp)
    } else {
      await copyDatabaseTo(tmp)
      makeSelfContained(tmp)
    }
    const problems = database.engine === 'postgres' ? await checkPostgresBackup(tmp) : checkGazetteDatabase(tmp)
    if (problems.length) throw new Error(`Backup failed verification: ${problems.join(' ')}`)
    fs.renameSync(tmp, file)
  } finally {
    fs.rmSync(tmp, { force: true })
  }
  const uploadsCopied = uploads
    ? await copyNewUploads(typeof uploads === 'string' ? folderStore(uploads) : uploads, path.join(dir, 'uploads'))
    : 0
  const deleted = pruneBackups(dir, databaseFile, retention, now, suffix)
  return { file, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started), uploadsCopied, deleted }
}

/**
 * Uploaded files are written once under a random name and never changed, so copying the ones not
 * yet in the backup keeps it complete, from a folder or a bucket alike: a backup folder holds all a
 * site needs to come back, even if the bucket is emptied or lost. They are kept across database
 * retention: an older database backup may refer to any of them.
 */
export async function copyNewUploads(from: MediaStore, to: string): Promise<number> {
  let copied = 0
  for await (const { key } of from.list()) {
    const dest = path.join(to, ...key.split('/'))
    if (!dest.startsWith(path.resolve(to) + path.sep) || fs.existsSync(dest)) continue
    const body = await from.read(key)
    if (!body) continue
    fs.mkdirSync(path.dirname(dest), { recursive: true })
    fs.writeFileSync(`${dest}.tmp`, body)
    fs.renameSync(`${dest}.tmp`, dest)
    copied++
  }
  return copied
}

const mediaTypes: Record<string, string> = {
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
}

/**
 * Puts back into the store the uploads of a backup folder that it lacks; what it has is never
 * overwritten, since a name is never reused for other content. Returns how many were put back.
 */
export async function restoreUploads(from: string, to: MediaStore): Promise<number> {
  if (!fs.existsSync(from)) return 0
  const present = new Set<string>()
  for await (const { key } of to.list()) present.add(key)
  let restored = 0
  for (const entry of fs.readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.tmp')) continue
    const file = path.join(entry.parentPath, entry.name)
    const key = path.relative(from, file).split(path.sep).join('/')
    if (present.has(key)) continue
    const type = mediaTypes[path.extname(key).toLowerCase()] ?? 'application/octet-stream'
    await to.put(key, fs.readFileSync(file), type)
    restored++
  }
  return restored
}

/** True when another connection (a running server, say) has the database open. */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false
  return !leaveWalMode(file)
}

/**
 * Replaces the database with a backup: refuses a file that is not a sound Gazette database or a
 * database another process holds, keeps the current file as `<name>.before-restore-<time>`, then
 * migrates the restored copy to the current schema.
 */
export function restoreDatabase(
  backupFile: string,
  target: string,
  { migrationsFolder = path.join(process.cwd(), 'drizzle'), now = new Date() } = {},
): { keptAs?: string } {
  const problems = checkGazetteDatabase(backupFile)
  if (problems.length) throw new RestoreError(problems.join(' '))
  if (path.resolve(backupFile) === path.resolve(target)) throw new RestoreError('That file is the database itself.')
  if (databaseInUse(target))
    throw new RestoreError(`${target} is open in another process (is the server running?). Stop it, then restore.`)

  fs.mkdirSync(path.dirname(target), { recursive: true })
  const tmp = `${target}.restore.tmp`
  fs.copyFileSync(backupFile, tmp)
  let keptAs: string | undefined
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${stamp(now)}`
    fs.renameSync(target, keptAs)
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true })
  fs.renameSync(tmp, target)

  migrateRestoredFile(target, migrationsFolder)
  return { keptAs }
}

/** A refusal to restore, with a message meant for the person running the command. */
export class RestoreError extends Error {}

/**
 * Takes a backup when the newest one is at least `everyHours` old (or there is none), keeping the
 * newest `keep`; returns undefined when none is due or `everyHours` is 0.
 */
export async function backupIfDue({
  everyHours,
  keep,
  dir,
  uploads,
  now = new Date(),
}: {
  everyHours: number
  keep: number
  dir: string
  uploads?: MediaStore | string
  now?: Date
}) {
  if (everyHours <= 0) return undefined
  const { databaseFile, suffix } = naming(await currentDatabase())
  const newest = listBackups(dir, databaseFile, suffix)[0]
  if (newest && now.getTime() - newest.at.getTime() < everyHours * 3_600_000) return undefined
  return backupDatabase({ dir, uploads, now, retention: { keep } })
}

/**
 * Replaces the PostgreSQL database at `url` with a pg_dump backup, as restoreDatabase does a SQLite
 * file: refuses an archive that fails the backup check or a database other sessions are connected
 * to (a running server), keeps the current database as `<name>.before-restore-<time>.dump` in
 * `keepDir`, then migrates the restored database to the current schema.
 */
export async function restorePostgresDatabase(
  backupFile: string,
  url: string,
  { keepDir, now = new Date() }: { keepDir: string; now?: Date },
): Promise<{ keptAs: string }> {
  const problems = await checkPostgresBackup(backupFile)
  if (problems.length) throw new RestoreError(problems.join(' '))
  const sessions = await otherSessions(url)
  if (sessions > 0)
    throw new RestoreError(
      `the database has ${sessions} other connection(s) (is the server running?). Stop it, then restore.`,
    )
  const { databaseFile } = naming({ engine: 'postgres', url })
  fs.mkdirSync(keepDir, { recursive: true })
  const keptAs = path.join(keepDir, `${path.basename(databaseFile, '.dump')}.before-restore-${stamp(now)}.dump`)
  await dumpDatabaseTo(url, `${keptAs}.tmp`)
  fs.renameSync(`${keptAs}.tmp`, keptAs)
  try {
    await restoreDumpFile(url, backupFile)
  } catch (error) {
    throw new RestoreError(
      `${(error as Error).message}. The database may now be empty: the previous one is in ${keptAs} ` +
        `(npm run restore -- ${keptAs}).`,
    )
  }
  return { keptAs }
}
