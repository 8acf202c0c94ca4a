import { databaseProblem, describeDatabase } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { closeDatabase } from '@/db/lifecycle'

async function main() {
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
