// `npm run restore -- <backup file>`: replaces the database with a backup while the server is
// stopped; the current database is kept beside it as <name>.before-restore-<time> (on PostgreSQL,
// dumped into the backup folder as <name>.before-restore-<time>.dump). Uploads of the backup folder
// that the media storage (folder or bucket) lacks are put back; none is overwritten.
import { prepareEnvironment } from './prepare'

async function main() {
  const file = process.argv[2]
  if (!file) {
    console.error('Usage: npm run restore -- <backup file>')
    process.exit(2)
  }
  const env = prepareEnvironment()
  const path = await import('node:path')
  const target = path.resolve(env.DATABASE_PATH)
  const { backupDir, restoreDatabase, restorePostgresDatabase, restoreUploads, RestoreError } =
    await import('@/services/backup')
  const { closeMediaStore, describeMediaStore, mediaStore } = await import('@/db/media-store')
  const putBack = async () => {
    const uploads = path.join(path.dirname(path.resolve(file)), 'uploads')
    try {
      const restored = await restoreUploads(uploads, mediaStore())
      if (restored) console.log(`Put back ${restored} upload(s) from ${uploads} into ${describeMediaStore()}.`)
    } catch (error) {
      // The database is restored already; the uploads can follow once the storage answers.
      console.error(`Uploads not put back: ${(error as Error).message}. Copy ${uploads} into the media storage.`)
      process.exitCode = 1
    } finally {
      closeMediaStore()
    }
  }
  try {
    if (env.DATABASE_URL) {
      const { keptAs } = await restorePostgresDatabase(path.resolve(file), env.DATABASE_URL, {
        keepDir: backupDir(target),
      })
      const url = new URL(env.DATABASE_URL)
      if (url.password) url.password = '***'
      console.log(`Restored PostgreSQL ${url.toString()} from ${file} and migrated it.`)
      console.log(`The previous database is kept as ${keptAs}.`)
      await putBack()
      return
    }
    const { keptAs } = restoreDatabase(path.resolve(file), target)
    console.log(`Restored ${target} from ${file} and migrated it.`)
    if (keptAs) console.log(`The previous database is kept as ${keptAs}.`)
    await putBack()
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error
    console.error(`Not restored: ${error.message}`)
    process.exit(1)
  }
}

void main()
