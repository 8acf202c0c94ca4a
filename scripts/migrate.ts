import { databasePath } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'

migrateDatabase()
console.log(`Migrated ${databasePath}`)
