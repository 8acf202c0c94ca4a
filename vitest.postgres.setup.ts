import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

// Before the test file imports anything of Gazette's: its own database, copied from the migrated
// template, which db/client.ts then connects to.
const server = inject('postgresServer')
const name = `test_${randomBytes(6).toString('hex')}`
const admin = new pg.Client({ connectionString: server })
await admin.connect()
await admin.query(`CREATE DATABASE ${name} TEMPLATE gazette_template`)
await admin.end()
const url = new URL(server)
url.pathname = `/${name}`
process.env.DATABASE_URL = url.toString()
