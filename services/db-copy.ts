// Moving a whole site between engines, for `npm run db:copy`.
import {
  analyze,
  closeEndpoint,
  CopyError,
  checksumTables,
  copyTables,
  countRows,
  describeEndpoint,
  type Endpoint,
  isGazetteDatabase,
  migrateEndpoint,
  type OpenEndpoint,
  openEndpoint,
  parseEndpoint,
  type Progress,
  schemaTables,
} from '@/db/copy'

export { CopyError, describeEndpoint, parseEndpoint, type Endpoint, type Progress }

export type TableCheck = { table: string; rows: number; copiedRows: number; checksum: string; matches: boolean }
export type CopyResult = { tables: TableCheck[]; mismatches: TableCheck[]; ms: number }

function sameEndpoint(a: Endpoint, b: Endpoint) {
  if (a.engine === 'sqlite' && b.engine === 'sqlite') return a.file === b.file
  if (a.engine === 'postgres' && b.engine === 'postgres') {
    const [x, y] = [new URL(a.url), new URL(b.url)]
    return x.host === y.host && x.pathname === y.pathname
  }
  return false
}

/**
 * Copies every table of a Gazette database into another, on the same or the other engine: the
 * target is migrated to the latest schema first and must hold no rows unless `force`, in which case
 * its rows are replaced. Afterwards every table of the target is read back, and its row count and
 * checksum compared with those of the rows read from the source.
 */
export async function copySite(
  from: Endpoint,
  to: Endpoint,
  { force = false, onProgress }: { force?: boolean; onProgress?: (progress: Progress) => void } = {},
): Promise<CopyResult> {
  const started = performance.now()
  if (sameEndpoint(from, to)) throw new CopyError('--from and --to name the same database.')
  const tables = schemaTables()
  const opened: OpenEndpoint[] = []
  try {
    const source = await openEndpoint(from, 'source')
    opened.push(source)
    if (!(await isGazetteDatabase(source)))
      throw new CopyError(`${describeEndpoint(from)} is not a Gazette database (it has no migrations table).`)
    const target = await openEndpoint(to, 'target')
    opened.push(target)
    await migrateEndpoint(target)
    const existing = [...(await countRows(target, tables))].filter(([, n]) => n > 0)
    if (existing.length && !force) {
      const rows = existing.reduce((sum, [, n]) => sum + n, 0)
      throw new CopyError(
        `${describeEndpoint(to)} already has content (${rows} row(s) in ${existing.map(([t]) => t).join(', ')}); ` +
          'add --force to replace it.',
      )
    }
    const copied = await copyTables(source, target, tables, { replace: existing.length > 0, onProgress })
    await analyze(target)
    const read = await checksumTables(target, tables)
    const checks = copied.map((expected, i) => ({
      table: expected.table,
      rows: expected.rows,
      copiedRows: read[i]!.rows,
      checksum: expected.checksum,
      matches: read[i]!.rows === expected.rows && read[i]!.checksum === expected.checksum,
    }))
    return { tables: checks, mismatches: checks.filter((c) => !c.matches), ms: Math.round(performance.now() - started) }
  } finally {
    for (const end of opened.reverse()) await closeEndpoint(end).catch(() => {})
  }
}
