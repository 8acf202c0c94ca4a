import { databasePath, db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'

migrateDatabase(db)
console.log(`Migrated ${databasePath}`)
