import os from 'node:os'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The guard only matters inside Next's bundles; unit tests call queries directly.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    setupFiles: ['vitest.setup.ts'],
    // Vitest leaves a core to its main process by default, which on a two-core host means one test
    // file at a time; the files mostly wait on SQLite files, PostgreSQL and child processes, so one
    // worker a core runs the suite in about 70 % of the time.
    maxWorkers: os.availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
