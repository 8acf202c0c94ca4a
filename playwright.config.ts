import { defineConfig } from '@playwright/test'
import { chromium } from './e2e/browser'
import { smtpPort } from './e2e/mail-server'

const port = Number(process.env.E2E_PORT ?? 3100)
export const baseURL = `http://127.0.0.1:${port}`
// Set by scripts/test-postgres.ts: the test server runs on this PostgreSQL database instead of the SQLite file.
const postgresUrl = process.env.E2E_DATABASE_URL || undefined
const tsx = 'node node_modules/tsx/dist/cli.mjs'
const secondServerSpecs = /security\/(brute-force|crash|degraded|drain|group|health|load)\.spec\.ts/

export default defineConfig({
  testDir: './e2e',
  // The unit-test counts sit beside test-results/playwright, which Playwright empties on each run.
  outputDir: 'test-results/playwright',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Generous: a shared CI machine can be several times slower than a laptop.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { baseURL, trace: 'on-first-retry' },
  // A real SMTP server for the site's mail (e2e/mail-server.ts); messages land in e2e/.mail/.
  globalSetup: './e2e/mail-server.ts',
  projects: [
    // Projects run in the order listed once their dependencies have passed, and a spec file's tests
    // run in order on one worker: the long single files come first so the other worker is never idle
    // at the end of a phase.
    // The same site on PostgreSQL, on a cluster and a server of its own (e2e/postgres/).
    { name: 'postgres', testMatch: /postgres\/.*\.spec\.ts/, use: chromium },
    { name: 'reader', testMatch: /reader\..*spec\.ts/, use: chromium },
    { name: 'no-js', testMatch: /no-js\.spec\.ts/, use: { ...chromium, javaScriptEnabled: false } },
    { name: 'http', testMatch: /http\.spec\.ts/, use: chromium },
    // Varnish in front of a group of its own, on a copy of the test database (e2e/cluster/).
    { name: 'cluster', testMatch: /cluster\/shared-cache\.spec\.ts/, use: chromium },
    // Its checks share both workers, so they fill the end of the first phase.
    { name: 'a11y', testMatch: /a11y\.spec\.ts/, use: chromium },
    // Reader accounts, lists and comments change settings and post comments readers see: after the reader specs too.
    {
      name: 'accounts',
      testMatch: /\/accounts\.spec\.ts$/,
      use: chromium,
      dependencies: ['reader', 'no-js', 'a11y', 'http'],
    },
    // Back-office specs change what readers see (settings, sections, new articles), so they run after the reader specs.
    {
      name: 'admin',
      testMatch: /admin-.*\.spec\.ts/,
      testIgnore: /admin-comments\.spec\.ts/,
      use: chromium,
      dependencies: ['reader', 'no-js', 'a11y', 'http'],
    },
    // The moderation queue's counts must not move under it: after the accounts specs, which post
    // comments, and before the attack suite, which posts more.
    { name: 'admin-comments', testMatch: /admin-comments\.spec\.ts/, use: chromium, dependencies: ['accounts'] },
    // The attack suite's fast part: it adds staff accounts and replays every action, so it runs last,
    // one test at a time, because it proves refusals by the database not changing.
    {
      name: 'security',
      testMatch: /security\/.*\.spec\.ts/,
      testIgnore: secondServerSpecs,
      use: chromium,
      dependencies: ['admin', 'admin-comments'],
      workers: 1,
    },
    // The specs that start a second server on a copy of the database (e2e/security/server.ts, a
    // port per worker): they leave the test server's database alone, so they run beside the attack
    // suite and take both workers once it is done.
    {
      name: 'security-second-server',
      testMatch: secondServerSpecs,
      use: chromium,
      dependencies: ['admin', 'admin-comments'],
    },
  ],
  webServer: {
    // A fresh database every run: migrated and seeded by the same start script users run.
    command: postgresUrl
      ? `rm -rf e2e/.data && ${tsx} e2e/postgres-database.ts && node scripts/start.mjs --no-build`
      : `rm -rf e2e/.data && node scripts/start.mjs --no-build`,
    url: `${baseURL}/`,
    timeout: postgresUrl ? 300_000 : 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      DATABASE_PATH: 'e2e/.data/test.db',
      // The data folder (uploads, backups, outbox) stays beside DATABASE_PATH on PostgreSQL too.
      ...(postgresUrl ? { DATABASE_URL: postgresUrl } : {}),
      PORT: String(port),
      SITE_URL: baseURL,
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'e2e-admin-password',
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      NEXT_TELEMETRY_DISABLED: '1',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      // Tests give each scenario its own client address (X-Forwarded-For) so rate limits stay apart.
      TRUST_PROXY: '1',
      // One process: specs that count what a server holds in memory read it from the one that served them.
      WEB_CONCURRENCY: '1',
    },
  },
})
