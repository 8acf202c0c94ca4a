import { prepareEnvironment } from './prepare'

async function main() {
  prepareEnvironment()
  // Loaded only now: the database module reads the environment checked above.
  const { databaseProblem, describeDatabase } = await import('@/db/client')
  const { migrateDatabase } = await import('@/db/migrate')
  const { closeDatabase } = await import('@/db/lifecycle')
  try {
    await migrateDatabase()
  } catch (error) {
    console.error(`Cannot migrate ${describeDatabase()}: ${databaseProblem(error)}`)
    process.exitCode = 1
    return
  } finally {
    await closeDatabase()
  }
  console.log(`Migrated ${describeDatabase()}`)
}

void main()
