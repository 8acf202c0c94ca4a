import { expect, test } from '@playwright/test'
import { articleUrl, testDb } from './db'

test('unknown paths and unpublished articles answer 404 with the site around them', async ({ request, page }) => {
  const drafts = await testDb().all<{ slug: string; createdAt: number }>(
    "SELECT slug, created_at AS createdAt FROM articles WHERE status != 'published'",
  )
  expect(drafts.length).toBeGreaterThan(0)
  const paths = [
    '/no-such-page/',
    '/category/no-such-section/',
    '/tag/no-such-tag/',
    '/author/no-such-person/',
    '/2019/13/',
    '/2024/02/30/',
    '/1999/01/01/no-such-story/',
    '/category/world/page/0/',
    '/category/world/page/abc/',
    '/category/world/page/99999/',
    '/about-us/page/2/',
    '/a/b/c/d/e/f/',
    ...drafts.map((d) => articleUrl(d.slug, d.createdAt)),
  ]
  for (const path of paths) {
    const response = await request.get(path)
    expect(response.status(), path).toBe(404)
  }
  const response = await page.goto('/no-such-page/')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page.getByRole('banner').getByText('The Northbridge Gazette')).toBeVisible()
})

test('the other trailing-slash form and a wrong date redirect permanently', async ({ request }) => {
  const a = (await testDb().get<{ slug: string; publishedAt: number }>(
    "SELECT slug, published_at AS publishedAt FROM articles WHERE status = 'published' LIMIT 1",
  ))!
  const url = articleUrl(a.slug, a.publishedAt)
  for (const [from, to] of [
    ['/category/world', '/category/world/'],
    [url.slice(0, -1), url],
    [`/2001/01/01/${a.slug}/`, url],
  ]) {
    const response = await request.get(from!, { maxRedirects: 0 })
    expect([301, 308], from).toContain(response.status())
    expect(new URL(response.headers().location!, 'http://x').pathname).toBe(to)
  }
})

test('search survives hostile input with a page, never a server error', async ({ request }) => {
  const inputs = [
    '"',
    'NEAR(',
    'NEAR(a b',
    '*',
    'a OR',
    ')',
    'title:',
    '^',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '%00',
    'x'.repeat(5000),
    '🙂🙂',
    '\\',
  ]
  for (const q of inputs) {
    const response = await request.get(`/search/?q=${encodeURIComponent(q)}&page=2`)
    expect(response.status(), q).toBe(200)
    expect(await response.text()).not.toContain('<script>alert(1)</script>')
  }
  expect((await request.get('/search/?page=-1&q=city')).status()).toBe(200)
})

test('reader pages carry titles, descriptions and canonical links', async ({ page }) => {
  for (const path of ['/', '/category/business/', '/about-us/']) {
    await page.goto(path)
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S{10,}/)
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${path}$`))
    expect((await page.title()).length).toBeGreaterThan(5)
  }
})

test('anonymous reader pages come from the page cache, compressed and revalidated by ETag', async ({ request }) => {
  const first = await request.get('/category/science/')
  expect(first.status()).toBe(200)
  const second = await request.get('/category/science/', { headers: { 'Accept-Encoding': 'gzip' } })
  expect(second.headers()['x-cache']).toBe('HIT')
  expect(second.headers()['content-encoding']).toBe('gzip')
  expect(await second.text()).toContain('<h1')
  const etag = second.headers().etag!
  const revalidated = await request.get('/category/science/', { headers: { 'If-None-Match': etag } })
  expect(revalidated.status()).toBe(304)
  // A session cookie that is no signed-in reader's (here a forged one) gets a render of its own.
  const staff = await request.get('/category/science/', { headers: { Cookie: 'authjs.session-token=x' } })
  expect(staff.headers()['x-cache']).toBeUndefined()
})

test('stylesheets, scripts and the pages the cache never holds go out compressed when asked', async ({ request }) => {
  const html = await (await request.get('/')).text()
  const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1]
  expect(css).toBeDefined()
  const plain = await request.get(css!, { headers: { 'Accept-Encoding': 'identity' } })
  expect(plain.headers()['content-encoding']).toBeUndefined()
  const body = await plain.body()
  const br = await request.get(css!, { headers: { 'Accept-Encoding': 'br, gzip' } })
  expect(br.headers()['content-encoding']).toBe('br')
  expect(br.headers()['cache-control']).toContain('immutable')
  expect((await br.body()).equals(body)).toBe(true)
  // The sign-in page is rendered for each visitor and stays out of every shared cache.
  const signIn = await request.get('/signin/', { headers: { 'Accept-Encoding': 'gzip' } })
  expect(signIn.status()).toBe(200)
  expect(signIn.headers()['content-encoding']).toBe('gzip')
  expect(signIn.headers()['cache-control']).toContain('no-store')
  expect(await signIn.text()).toContain('</html>')
})

test('anonymous readers get pages without the framework runtime, the same bytes cached or not', async ({ request }) => {
  const miss = await request.get('/category/business/?fresh=1')
  const hit = await request.get('/category/business/?fresh=1')
  expect(miss.headers()['x-cache']).toBe('MISS')
  expect(hit.headers()['x-cache']).toBe('HIT')
  const html = await miss.text()
  expect(await hit.text()).toBe(html)
  // The first reader gets the page compressed, as the copy the cache keeps.
  expect(miss.headers()['content-encoding']).toBe('br')
  expect(miss.headers().etag).toBe(hit.headers().etag)
  // Preloads keep no request's nonce: the page is everyone's, its policy names hashes.
  for (const response of [miss, hit]) {
    expect(response.headers().link).toContain('rel=preload')
    expect(response.headers().link).not.toContain('nonce=')
  }
  // Only JSON-LD data blocks remain; no script runs on an anonymous reader page.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
  expect(scripts.length).toBeGreaterThan(0)
  for (const tag of scripts) expect(tag).toBe('<script type="application/ld+json">')
  expect(html).not.toMatch(/as="script"|self\.__next_f/)
  expect(html).toContain('</footer></body></html>')
  // A signed-in render keeps the runtime for anything interactive.
  const signedIn = await request.get('/category/business/', { headers: { Cookie: 'authjs.session-token=x' } })
  expect(await signedIn.text()).toMatch(/<script src="\/_next\/static\//)
})

test('a Save button is a form and its button, what it saves and where it returns in its address', async ({
  request,
}) => {
  const html = await (await request.get('/')).text()
  const forms = [...html.matchAll(/<form [^>]*action="(\/account\/save\/\?[^"]*)"[^>]*>([\s\S]*?)<\/form>/g)]
  expect(forms.length).toBeGreaterThan(10)
  // Dozens of cards a page: hidden fields in each were a fifth of the page's elements.
  for (const [, , inside] of forms) expect(inside).not.toContain('<input')
  const action = forms[0]![1]!.replaceAll('&amp;', '&')
  const query = new URL(action, 'http://x').searchParams
  const articleId = query.get('articleId')
  expect(articleId).toMatch(/^\d+$/)
  // The way back for a browser that sends no Referer: the story itself.
  expect(query.get('back')).toMatch(/^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/)
  expect(query.get('anchor')).toBe(`article-${articleId}`)
  // Signed out, the post goes to sign-in, to save the story on the way back.
  const post = await request.post(action, { form: { intent: 'save' }, maxRedirects: 0 })
  expect(post.status()).toBe(303)
  expect(post.headers().location).toMatch(new RegExp(`^/signin/\\?next=.*&save=${articleId}$`))
})

test('the header, footer and sidebar a cached page reuses are those a full render gives', async ({ request }) => {
  const parts = (html: string) => ({
    header: /<header>[\s\S]*?<\/header>[\s\S]*?(?=<main)/.exec(html)?.[0],
    sidebar: /<aside aria-label="Sidebar"[\s\S]*?<\/aside>/.exec(html)?.[0],
    footer: /<footer class="mt-16[\s\S]*?<\/footer>/.exec(html)?.[0],
  })
  // Two misses: the second at least is put together from the fragments the front server holds.
  await request.get('/category/world/?fragments=1')
  const cut = await (await request.get('/category/world/?fragments=2')).text()
  // A session cookie that is no reader's gets a render of its own, with nothing left out.
  const full = await (await request.get('/category/world/', { headers: { Cookie: 'authjs.session-token=x' } })).text()
  const expected = parts(full)
  expect(expected.header).toContain('aria-label="Sections"')
  expect(expected.sidebar).toContain('Recent Posts')
  expect(expected.footer).toContain('</footer>')
  expect(parts(cut)).toEqual(expected)
  expect(cut).not.toContain('gazette-')
})

test('the favicon and the icons answer as images, and every page links them', async ({ request }) => {
  const favicon = await request.get('/favicon.ico')
  expect(favicon.status()).toBe(200)
  expect(favicon.headers()['content-type']).toBe('image/x-icon')
  expect([...(await favicon.body()).subarray(0, 6)]).toEqual([0, 0, 1, 0, 3, 0])
  for (const path of ['/icons/192.png', '/icons/512.png', '/icons/apple-touch-icon.png']) {
    const icon = await request.get(path)
    expect(icon.status(), path).toBe(200)
    expect(icon.headers()['content-type'], path).toBe('image/png')
  }
  expect((await request.get('/icons/other.png')).status()).toBe(404)
  for (const path of ['/', '/admin/login/']) {
    const html = await (await request.get(path)).text()
    expect(html, path).toContain('<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48"/>')
    expect(html, path).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" sizes="180x180"/>')
  }
})
