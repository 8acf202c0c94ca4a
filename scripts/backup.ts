// `npm run backup [-- --keep N] [-- --keep-days D]`: an online backup of the database into BACKUP_DIR
// (default: backups/ beside the database, or beside DATABASE_PATH on PostgreSQL, through pg_dump),
// safe while the server runs; for cron or by hand.
import { prepareEnvironment } from './prepare'

function numberOption(args: string[], name: string) {
  const i = args.indexOf(name)
  if (i < 0) return undefined
  const n = Number(args[i + 1])
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} needs a whole number of at least 1`)
    process.exit(2)
  }
  return n
}

async function main() {
  const args = process.argv.slice(2)
  const keep = numberOption(args, '--keep')
  const keepDays = numberOption(args, '--keep-days')
  prepareEnvironment()
  const { databasePath, engine, describeDatabase } = await import('@/db/client')
  const { closeDatabase } = await import('@/db/lifecycle')
  const { closeMediaStore, describeMediaStore, mediaStore } = await import('@/db/media-store')
  const { backupDatabase, backupDir } = await import('@/services/backup')
  try {
    const r = await backupDatabase({
      dir: backupDir(databasePath),
      uploads: mediaStore(),
      retention: { keep, keepDays },
    })
    console.log(
      `Backed up ${engine === 'sqlite' ? databasePath : describeDatabase()} to ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.ms} ms); ` +
        `${r.uploadsCopied} new upload(s) copied from ${describeMediaStore()}; ${r.deleted.length} old backup(s) deleted.`,
    )
  } catch (error) {
    console.error(`Backup failed: ${(error as Error).message}`)
    process.exitCode = 1
  } finally {
    await closeDatabase()
    closeMediaStore()
  }
}

void main()
