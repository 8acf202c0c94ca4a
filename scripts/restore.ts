// `npm run restore -- <backup file>`: replaces the database with a backup while the server is
// stopped; the current database is kept beside it as <name>.before-restore-<time>.
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
  const { restoreDatabase, RestoreError } = await import('@/services/backup')
  try {
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
