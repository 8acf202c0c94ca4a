import type { Config } from 'drizzle-kit'

export default {
  schema: './db/sqlite/schema.ts',
  out: './drizzle',
  dialect: 'sqlite',
  dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/gazette.db' },
} satisfies Config
