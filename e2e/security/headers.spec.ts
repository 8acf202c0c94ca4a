import { expect, test, type APIResponse } from '@playwright/test'
import { articleUrl, testDb } from '../db'
import { roleCookies } from './support'

function expectHardened(response: APIResponse, path: string) {
  const headers = response.headers()
  const policy = headers['content-security-policy'] ?? ''
  const scripts = policy.split(/;\s*/).find((d) => d.startsWith('script-src')) ?? ''
  // A nonce or hashes for inline scripts, or none at all: anonymous reader pages carry no script.
  expect(scripts, `${path} script-src`).toMatch(/^script-src 'self'(?: '(?:nonce|sha256)-[^']+')*$/)
  expect(scripts, path).not.toContain('unsafe-inline')
  expect(scripts, path).not.toContain('unsafe-eval')
  expect(policy, path).toContain("frame-ancestors 'self'")
  expect(policy, path).toContain("object-src 'none'")
  expect(headers['x-content-type-options'], path).toBe('nosniff')
  expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
  expect(headers['x-powered-by'], path).toBeUndefined()
}

async function readerPaths() {
  const a = (await testDb().get<{ slug: string; publishedAt: number }>(
    "SELECT slug, published_at AS publishedAt FROM articles WHERE status = 'published' LIMIT 1",
  ))!
  return [
    '/',
    articleUrl(a.slug, a.publishedAt),
    '/category/world/',
    '/search/?q=harbour',
    '/about-us/',
    '/no-such-page/',
  ]
}

test('every HTML response carries the security headers, cached or not', async ({ request }) => {
  for (const path of [...(await readerPaths()), '/admin/login/', '/admin/invite/not-a-token/']) {
    // The second fetch of a reader page comes from the page cache and must keep its policy.
    for (const round of [1, 2]) {
      const response = await request.get(path, { maxRedirects: 0 })
      expect(response.headers()['content-type'], path).toContain('text/html')
      expectHardened(response, `${path} (${round})`)
    }
  }
  const cached = await request.get('/')
  expect(cached.headers()['x-cache']).toBe('HIT')
  expect(cached.headers()['content-security-policy']).toContain("script-src 'self';")
})

test('reader pages carry no nonce, and no client can keep the back office from getting one', async ({ request }) => {
  // The front server's renders skip Next's proxy: a nonce frozen into a shared page would be anyone's.
  for (const path of await readerPaths()) {
    for (const round of [1, 2])
      expect(await (await request.get(path)).text(), `${path} (${round})`).not.toContain('nonce=')
  }
  // The header that marks those renders is the front server's own: sent by a client, it is dropped.
  const marked = { 'x-gazette-reader-slots': '1' }
  const office = await request.get('/admin/', { headers: marked, maxRedirects: 0 })
  expect(office.status()).toBe(307)
  expect(office.headers()['location']).toContain('/admin/login/')
  const login = await request.get('/admin/login/', { headers: marked })
  expect(login.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/)
})

test('a shared reader page runs no script; a signed-in render allows exactly its own', async ({ request, browser }) => {
  const { createHash } = await import('node:crypto')
  const executable = (html: string) =>
    [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      (m) => !/\bsrc=|application\/ld\+json/.test(m[1]!),
    )
  for (const round of [1, 2]) {
    const response = await request.get('/category/world/')
    expect(executable(await response.text()), `round ${round}`).toEqual([])
    expect(response.headers()['content-security-policy']).toContain("script-src 'self';")
  }
  const cookies = await roleCookies(browser)
  const signedIn = await request.get('/category/world/', { headers: { cookie: cookies.admin! } })
  const policy = signedIn.headers()['content-security-policy']!
  const inline = executable(await signedIn.text())
  expect(inline.length).toBeGreaterThan(0)
  for (const [, attributes, body] of inline) {
    const nonce = /\bnonce="([^"]+)"/.exec(attributes!)?.[1]
    const allowed =
      (nonce !== undefined && policy.includes(`'nonce-${nonce}'`)) ||
      policy.includes(`'sha256-${createHash('sha256').update(body!).digest('base64')}'`)
    expect(allowed, body!.slice(0, 60)).toBe(true)
  }
})

test('back-office pages get a fresh nonce per request', async ({ request, browser }) => {
  const cookies = await roleCookies(browser)
  const nonces = new Set<string>()
  for (const path of ['/admin/', '/admin/articles/new/', '/admin/settings/', '/admin/']) {
    const response = await request.get(path, { headers: { cookie: cookies.admin! }, maxRedirects: 0 })
    expect(response.status(), path).toBe(200)
    expectHardened(response, path)
    const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy']!)![1]!
    expect(await response.text(), path).toContain(`nonce="${nonce}"`)
    nonces.add(nonce)
  }
  expect(nonces.size).toBe(4)
})

test('reader pages and the editor run under the policy without a single violation', async ({ page }) => {
  const violations: string[] = []
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.log(`csp-violation ${e.violatedDirective} ${e.blockedURI}`),
    )
  })
  page.on('console', (message) => {
    if (message.text().includes('csp-violation') || message.text().includes('Content Security Policy'))
      violations.push(`${page.url()}: ${message.text()}`)
  })
  for (const path of await readerPaths()) await page.goto(path)
  // The reader's second visit is served from the cache with the hash policy.
  await page.goto('/')
  await page.goto('/admin/login/')
  await page.getByLabel('Email').fill('admin@example.com')
  await page.getByLabel('Password').fill('e2e-admin-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/admin\/$/)
  await page.goto('/admin/articles/new/')
  await page.getByLabel('Title', { exact: true }).fill('Policy check')
  await expect(page.getByRole('toolbar', { name: 'Formatting' })).toBeVisible()
  await page.locator('.ProseMirror').click()
  await page.keyboard.type('Typed under the policy.')
  await expect(page.locator('.ProseMirror')).toContainText('Typed under the policy.')
  expect(violations).toEqual([])
})

test('session cookies are HttpOnly and SameSite', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/admin/login/')
  await page.getByLabel('Email').fill('admin@example.com')
  await page.getByLabel('Password').fill('e2e-admin-password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/admin\/$/)
  const session = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'))!
  expect(session.httpOnly).toBe(true)
  expect(session.sameSite).toBe('Lax')
  await context.close()
})
