// `npm run restore -- <backup file>`: replaces the database with a backup while the server is
// stopped; the current database is kept beside it as <name>.before-restore-<time> (on PostgreSQL,
// dumped into the backup folder as <name>.before-restore-<time>.dump).
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
  const { backupDir, restoreDatabase, restorePostgresDatabase, RestoreError } = await import('@/services/backup')
  try {
    if (env.DATABASE_URL) {
      const { keptAs } = await restorePostgresDatabase(path.resolve(file), env.DATABASE_URL, {
        keepDir: backupDir(target),
      })
      const url = new URL(env.DATABASE_URL)
      if (url.password) url.password = '***'
      console.log(`Restored PostgreSQL ${url.toString()} from ${file} and migrated it.`)
      console.log(`The previous database is kept as ${keptAs}.`)
      return
    }
    const { keptAs } = restoreDatabase(path.resolve(file), target)
    console.log(`Restored ${target} from ${file} and migrated it.`)
    if (keptAs) console.log(`The previous database is kept as ${keptAs}.`)
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error
    console.error(`Not restored: ${error.message}`)
    process.exit(1)
  }
}

void main()
