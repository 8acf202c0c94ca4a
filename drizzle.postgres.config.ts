import type { Config } from 'drizzle-kit'

// Only `generate` is used: migrations are written from the schema and applied by the app, so no
// connection is configured here.
export default {
  schema: './db/postgres/schema.ts',
  out: './drizzle/postgres',
  dialect: 'postgresql',
} satisfies Config
