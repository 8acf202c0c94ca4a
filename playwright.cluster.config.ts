import { defineConfig } from '@playwright/test'
import { chromium } from './e2e/browser'

// `npm run test:cluster`: three hosts behind HAProxy and Varnish, all started by the test itself
// (e2e/cluster/hosts.ts), so there is no web server here. Needs a production build.
export default defineConfig({
  testDir: './e2e/cluster',
  testMatch: /hosts\.spec\.ts/,
  outputDir: 'test-results/cluster',
  forbidOnly: !!process.env.CI,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/cluster.json' }]],
  use: chromium,
})
