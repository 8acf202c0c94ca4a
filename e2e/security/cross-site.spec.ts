import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import { testDb } from '../db'
import { databaseFingerprint, roleCookies } from './support'

const hostile = {
  'a foreign Origin': { Origin: 'https://evil.example' },
  'a foreign Referer': { Referer: 'https://evil.example/page' },
  'a spoofed X-Forwarded-Host': { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' },
  'a cross-site fetch': { 'Sec-Fetch-Site': 'cross-site' },
}

function actionId(name: string) {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName: string }>
  }
  return Object.entries(manifest.node).find(([, a]) => a.exportedName === name)![0]
}

const adminName = () => testDb().value("SELECT name FROM users WHERE email = 'admin@example.com'")

test('a server action from another site is refused and changes nothing', async ({ request, browser }) => {
  const { admin: cookie } = await roleCookies(browser)
  const id = actionId('updateProfileAction')
  // React's encoding of (previousState, formData): the form's fields prefixed "_1_", then the arguments.
  const form = (name: string) => {
    const data = new FormData()
    for (const [key, value] of Object.entries({ name, jobTitle: '', bio: '', avatarId: '' }))
      data.append(`_1_${key}`, value)
    data.append('0', '[{},"$K1"]')
    return data
  }
  const original = await adminName()
  for (const [what, headers] of Object.entries(hostile)) {
    const before = await databaseFingerprint()
    const response = await request.post('/admin/profile/', {
      headers: { cookie: cookie!, 'Next-Action': id, ...headers },
      multipart: form(`Forged by ${what}`),
      maxRedirects: 0,
    })
    expect(response.status(), what).toBe(403)
    expect(await databaseFingerprint(), what).toEqual(before)
  }
  expect(await adminName()).toBe(original)
  // The same request from this site goes through, so the refusals above were the guard's doing.
  const response = await request.post('/admin/profile/', {
    headers: { cookie: cookie!, 'Next-Action': id, Origin: new URL(test.info().project.use.baseURL!).origin },
    multipart: form('Renamed from this site'),
    maxRedirects: 0,
  })
  expect(response.status()).toBeLessThan(400)
  expect(await adminName()).toBe('Renamed from this site')
  await request.post('/admin/profile/', {
    headers: { cookie: cookie!, 'Next-Action': id },
    multipart: form(String(original)),
  })
})

test('a sign-in posted from another site is refused without a session', async ({ request }) => {
  const csrf = await request.get('/api/auth/csrf/')
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  for (const [what, headers] of Object.entries(hostile)) {
    const response = await request.post('/api/auth/callback/credentials/', {
      headers,
      form: { csrfToken, email: 'admin@example.com', password: 'e2e-admin-password' },
      maxRedirects: 0,
    })
    expect(response.status(), what).toBe(403)
    expect(response.headers()['set-cookie'] ?? '', what).not.toContain('session-token')
  }
})
