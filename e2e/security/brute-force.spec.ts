import { expect, test } from '@playwright/test'
import { type TestDatabase, testDb } from '../db'
import { copyTestDatabase, secondURL, startServer, type Server } from './server'

test.describe.configure({ mode: 'serial' })

let database: TestDatabase
let server: Server | undefined

test.beforeAll(async () => {
  database = await copyTestDatabase('brute-force')
})

test.afterAll(async () => {
  await server?.stop()
})

/** One sign-in through Auth.js's credentials endpoint, as a script would post it. */
async function attempt(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${secondURL}/api/auth/csrf/`, { headers })
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const response = await fetch(`${secondURL}/api/auth/callback/credentials/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, email, password }),
  })
  const signedIn = response.headers.getSetCookie().some((c) => c.includes('session-token='))
  return { status: response.status, retryAfter: Number(response.headers.get('retry-after') ?? 0), signedIn }
}

async function expireLocks() {
  await testDb(database).run(
    'UPDATE sign_in_failures SET locked_until = ? WHERE locked_until IS NOT NULL',
    Date.now() - 1,
  )
}

test('an account is locked after five failures, for longer each time, and the lock outlives a restart', async () => {
  test.setTimeout(120_000)
  server = await startServer(database)
  const admin = 'admin@example.com'
  for (let i = 0; i < 5; i++) expect((await attempt(admin, `wrong-${i}`)).status).toBe(302)
  const locked = await attempt(admin, 'e2e-admin-password')
  expect(locked.status).toBe(429)
  expect(locked.signedIn).toBe(false)
  expect(locked.retryAfter).toBeGreaterThan(20)
  expect(locked.retryAfter).toBeLessThanOrEqual(30)
  // Another address claimed in X-Forwarded-For changes nothing.
  expect((await attempt(admin, 'e2e-admin-password', { 'X-Forwarded-For': '203.0.113.7' })).status).toBe(429)

  // The lock outlives a restart: it is in the database.
  await server.stop()
  server = await startServer(database)
  expect((await attempt(admin, 'e2e-admin-password')).status).toBe(429)

  // Once it expires, the next failure locks for twice as long.
  await expireLocks()
  expect((await attempt(admin, 'still-wrong')).status).toBe(302)
  const longer = await attempt(admin, 'e2e-admin-password')
  expect(longer.status).toBe(429)
  expect(longer.retryAfter).toBeGreaterThan(30)
  expect(longer.retryAfter).toBeLessThanOrEqual(60)

  // The sign-in form says so in words.
  await expireLocks()
  expect((await attempt(admin, 'wrong-again')).status).toBe(302)
})

test('the sign-in form explains a lock', async ({ page }) => {
  await page.goto(`${secondURL}/admin/login/`)
  await page.getByLabel('Email').fill('admin@example.com')
  await page.getByLabel('Password').fill('e2e-admin-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Too many' })).toContainText(
    /Too many failed sign-ins\. Try again in \d+ (seconds|minutes)\./,
  )
  await expect(page).toHaveURL(/\/admin\/login\//)
  await expireLocks()
})

test('an address trying many accounts is locked, unknown e-mails included', async () => {
  // Start this address from zero: the failures above counted against it too.
  await testDb(database).run("DELETE FROM sign_in_failures WHERE key LIKE 'ip:%'")
  for (let i = 0; i < 20; i++) {
    const result = await attempt(`nobody-${i}@example.com`, 'guess', { 'X-Forwarded-For': `198.51.100.${i}` })
    expect(result.status, `attempt ${i + 1}`).toBe(302)
  }
  expect((await attempt('another-nobody@example.com', 'guess')).status).toBe(429)
  expect((await attempt('another-nobody@example.com', 'guess', { 'X-Forwarded-For': '198.51.100.99' })).status).toBe(
    429,
  )
})

test('behind a trusted proxy, each forwarded address is counted on its own', async () => {
  await server!.stop()
  server = await startServer(database, { TRUST_PROXY: 'true' })
  // 127.0.0.1 is still locked; a reader behind the proxy is not.
  const result = await attempt('someone@example.com', 'guess', { 'X-Forwarded-For': '192.0.2.10' })
  expect(result.status).toBe(302)
})
