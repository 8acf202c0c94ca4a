import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.mjs'

/**
 * The data layer's tests again, on PostgreSQL: a cluster the run starts and removes itself
 * (db/test-postgres.ts), a database per test file. `npm test` runs this beside the SQLite run.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['db/schema-parity.test.ts', 'db/postgres/migrate.test.ts'],
      globalSetup: ['db/postgres/vitest-global.ts'],
      setupFiles: ['vitest.setup.ts', 'vitest.postgres.setup.ts'],
    },
  }),
)
