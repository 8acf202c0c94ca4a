import { inject } from 'vitest'
import { databaseFromTemplate } from './db/test-postgres'

// Before the test file imports anything of Gazette's: its own database, copied from the migrated
// template, which db/client.ts then connects to.
process.env.DATABASE_URL = await databaseFromTemplate(inject('postgresServer'))
