import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createDatabase, endPool, startPostgres } from '../test-postgres'

/**
 * One throwaway cluster for the whole PostgreSQL run, and one migrated template database in it:
 * each test file then gets a database of its own as a copy of the template (vitest.postgres.setup.ts),
 * which takes milliseconds where migrating would take a second.
 */
export default async function setup(project: TestProject) {
  const server = await startPostgres()
  const template = await createDatabase(server.url, 'gazette_template')
  const pool = new pg.Pool({ connectionString: template, max: 1 })
  await migrate(drizzle(pool), { migrationsFolder: path.join(process.cwd(), 'drizzle/postgres') })
  await endPool(pool)
  project.provide('postgresServer', server.url)
  return () => server.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServer: string
  }
}
