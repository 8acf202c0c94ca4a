import { expect, test } from '@playwright/test'
import { actionForm, actionId, corpus } from './corpus'

const builtIn = [
  'https://evil.example',
  '//evil.example',
  '/\\evil.example',
  '\\/\\/evil.example',
  '/%09/evil.example',
  'https://127.0.0.1@evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/admin/../../evil.example',
]

// Next writes 127.0.0.1 as localhost in the URLs it builds: the same loopback server.
const loopback = (origin: string) => origin.replace('//127.0.0.1:', '//localhost:')

function landsHere(location: string | undefined, base: string) {
  expect(location, 'a redirect').toBeTruthy()
  const target = new URL(location!.replace(/;push$|;replace$/, ''), base)
  return loopback(target.origin) === loopback(new URL(base).origin)
}

test('every callbackUrl of the corpus signs in to this site', async ({ playwright, baseURL }) => {
  test.setTimeout(180_000)
  const values = corpus('open-redirect.txt', builtIn)
  const id = actionId('signInWithPassword')
  for (const value of values) {
    // A fresh context each time: signed in, the login page would not run the action.
    const request = await playwright.request.newContext({ baseURL })
    const viaForm = await request.post('/admin/login/', {
      headers: { 'Next-Action': id, Origin: new URL(baseURL!).origin },
      multipart: actionForm({ email: 'admin@example.com', password: 'e2e-admin-password', callbackUrl: value }),
      maxRedirects: 0,
    })
    expect(
      landsHere(viaForm.headers()['x-action-redirect'], baseURL!),
      `form: ${value} → ${viaForm.headers()['x-action-redirect']}`,
    ).toBe(true)

    // The same through Auth.js's own endpoint, as a script would post it.
    const csrf = (await (await request.get('/api/auth/csrf/')).json()) as { csrfToken: string }
    const viaApi = await request.post('/api/auth/callback/credentials/', {
      form: {
        csrfToken: csrf.csrfToken,
        email: 'admin@example.com',
        password: 'e2e-admin-password',
        callbackUrl: value,
      },
      maxRedirects: 0,
    })
    expect(
      landsHere(viaApi.headers()['location'], baseURL!),
      `endpoint: ${value} → ${viaApi.headers()['location']}`,
    ).toBe(true)

    // Signed in now: the sign-in page sends to the dashboard, never to the parameter.
    const page = await request.get(`/admin/login/?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 })
    expect(landsHere(page.headers()['location'], baseURL!), `login page: ${value}`).toBe(true)
    await request.dispose()
  }
})

test('the sign-in redirect of a signed-out visitor keeps only a path of this site', async ({ request, baseURL }) => {
  for (const value of ['//evil.example/', '/\\evil.example/']) {
    const response = await request.get(`/admin${value}`, { maxRedirects: 0 })
    if (response.status() >= 300 && response.status() < 400)
      expect(landsHere(response.headers()['location'], baseURL!), value).toBe(true)
  }
})
