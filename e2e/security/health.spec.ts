import { expect, test } from '@playwright/test'
import { onPostgres } from '../db'
import { copyTestDatabase, secondURL, signInAdmin, startServer } from './server'

test('the health endpoint reports the database and the disk', async ({ request }) => {
  const response = await request.get('/api/health/')
  expect(response.status()).toBe(200)
  expect(response.headers()['cache-control']).toBe('no-store')
  const health = await response.json()
  expect(health).toMatchObject({ status: 'ok', database: { readable: true, writable: true } })
  // Counted by the front server, read by Next's route: one process, two copies of lib/instance.ts.
  expect(health.server.renders).toEqual({ rendering: expect.any(Number), waiting: expect.any(Number) })
  // On PostgreSQL the database's disk is its server's, which the site cannot see (services/health.ts).
  if (!onPostgres) expect(health.disk.freeBytes).toBeGreaterThan(0)
  expect(JSON.stringify(health)).not.toMatch(/secret|password/i)
})

test('server logs are JSON lines without passwords or secrets', async () => {
  test.setTimeout(90_000)
  const server = await startServer(await copyTestDatabase('logs'))
  const password = 'Very-Distinctive-Password-42'
  try {
    await signInAdmin(password)
    await fetch(`${secondURL}/admin/`, { method: 'POST', headers: { Origin: 'https://evil.example' } })
  } finally {
    await server.stop()
  }
  const output = server.output.join('')
  const ours = output.split('\n').filter((line) => line.startsWith('{'))
  const entries = ours.map((line) => JSON.parse(line) as { time: string; level: string; message: string })
  expect(entries.map((e) => e.message)).toEqual(
    expect.arrayContaining(['serving', 'sign-in failed', 'request refused', 'closing']),
  )
  for (const entry of entries) expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/)
  expect(output).not.toContain(password)
  expect(output).not.toContain('e2e-secret-e2e-secret')
  expect(output).not.toMatch(/session-token=/)
})

test('behind an https address, the session cookie is Secure, HttpOnly and SameSite', async () => {
  test.setTimeout(90_000)
  const server = await startServer(await copyTestDatabase('https'), { SITE_URL: 'https://news.example' })
  try {
    const response = await signInAdmin()
    expect(response.headers.get('location')).toMatch(/^https:\/\/news\.example(\/|$)/)
    const session = response.headers.getSetCookie().find((c) => c.includes('session-token='))!
    expect(session).toMatch(/^__Secure-authjs\.session-token=/)
    expect(session).toMatch(/;\s*Secure/i)
    expect(session).toMatch(/;\s*HttpOnly/i)
    expect(session).toMatch(/;\s*SameSite=Lax/i)
  } finally {
    await server.stop()
  }
})
