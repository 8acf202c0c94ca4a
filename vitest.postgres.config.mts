import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.mjs'

/**
 * The tests that reach the database again, on PostgreSQL: a cluster the run starts and removes
 * itself (db/test-postgres.ts), a database per test file. `npm test` runs this beside the SQLite
 * run. lib/ is left out: its helpers cannot import the data layer (eslint.config.mjs), so a second
 * pass there would repeat the SQLite run's work exactly.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      // The worker group's test reaches no database either.
      exclude: ['lib/**', 'db/schema-parity.test.ts', 'db/postgres/migrate.test.ts', 'server/group.test.ts'],
      globalSetup: ['db/postgres/vitest-global.ts'],
      setupFiles: ['vitest.setup.ts', 'vitest.postgres.setup.ts'],
    },
  }),
)
