import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { databasePath } from '@/db/client'
import { startImportRun, updateImportRun } from '@/db/mutations/wordpress'
import { importWordpress } from './import'

const g = globalThis as unknown as { gazetteImports?: Set<number> }
/** Runs under way in this process; a 'running' row not in here was cut short by a restart. */
export const activeImports = (g.gazetteImports ??= new Set<number>())

export const importsDir = path.join(path.dirname(databasePath), 'imports')

/**
 * Stores an uploaded export and imports it in the background of the server process; the admin
 * page follows the run through its import_runs row.
 */
export async function startBackgroundImport(
  upload: Buffer,
  fileName: string,
  opts: { actorId: number; siteUrl?: string; pingbacks: 'drop' | 'hold' },
) {
  fs.mkdirSync(importsDir, { recursive: true })
  const runId = await startImportRun(fileName, upload.length * 2, opts.actorId)
  const file = path.join(importsDir, `run-${runId}.xml`)
  fs.writeFileSync(file, upload)
  activeImports.add(runId)
  void importWordpress(file, { ...opts, runId, download: true })
    .catch(async (error: Error) => {
      await updateImportRun(runId, {
        status: 'failed',
        report: { counts: {}, skipped: [], keptMediaUrls: [], error: `The import stopped: ${error.message}` },
      })
    })
    .finally(() => {
      activeImports.delete(runId)
      fs.rmSync(file, { force: true })
    })
  return runId
}
