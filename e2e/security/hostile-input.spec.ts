import http from 'node:http'
import { expect, test } from '@playwright/test'
import { testDb } from '../db'
import { corpus } from './corpus'

const sqliBuiltIn = [
  "' OR '1'='1",
  "1' AND 1=1 --",
  '1; DROP TABLE articles; --',
  "' UNION SELECT name, sql FROM sqlite_master --",
  "1' AND randomblob(100000000) --",
  '1 ORDER BY 99',
  '-1',
  '0',
  '9999999999999999999999',
  '1e309',
  "admin'--",
]

// FTS5 query syntax a reader might type, on purpose or not.
const ftsSyntax = [
  '"',
  '""',
  '"unbalanced',
  '*',
  'a*',
  '*a',
  'NEAR(',
  'NEAR(a b',
  'NEAR(a b, 2)',
  'NEAR(a b, -1)',
  '^',
  '^city',
  'city AND',
  'AND OR NOT',
  'NOT city',
  'city OR OR city',
  'title:',
  'title:city',
  'body_text:city',
  'articles_fts:city',
  '{title standfirst}:city',
  '-title:city',
  '(',
  ')',
  '((city',
  'city))',
  '(city OR (harbour',
  '+',
  ':',
  '\u0000',
  'city\u0000harbour',
  '%00',
  'x'.repeat(5000),
  `${'city '.repeat(400)}`,
  '\\',
  "'",
  '`',
  '[',
  ';',
]

const full = !!process.env.SECURITY_FULL

const unicodeBuiltIn = ['\u202etxt.exe', '\u200b\u200c\u200d', '🙂'.repeat(2500), 'Z̷̢a̸l̵g̷o̶', 'ｓｃｒｉｐｔ', 'аdmin']

const traversalBuiltIn = [
  '../../../../../../etc/passwd',
  '..%2f..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%252f..%252fetc%252fpasswd',
  '....//....//etc/passwd',
  '..\\..\\..\\etc\\passwd',
  '../.env',
  '../../data/app.db',
  '../test.db',
  '/proc/self/environ',
  'a%00.jpg',
]

// What must never appear in an answer: files of the host, the app or its database.
const leaked =
  /root:x:0:0|\[fonts\]|for 16-bit app support|SQLite format 3|DATABASE_PATH=|AUTH_SECRET|e2e-secret-e2e-secret|"allowScripts"|"dependencies"\s*:/

/** A GET sent as written: no URL parser in between to resolve ../ or re-encode. */
function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
  const base = new URL(test.info().project.use.baseURL!)
  return new Promise((resolve, reject) => {
    let request: http.ClientRequest
    try {
      request = http.request({ host: base.hostname, port: base.port, path, method: 'GET' })
    } catch {
      // Node refuses to send a path with spaces or control characters; send it encoded instead.
      rawGet(encodeURI(path)).then(resolve, reject)
      return
    }
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (c: Buffer) => chunks.push(c))
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          type: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('latin1'),
        }),
      )
    })
    request.on('error', reject)
    request.setTimeout(30_000, () => request.destroy(new Error(`timed out: ${path}`)))
    request.end()
  })
}

test('hostile search and listing input: every SQL, FTS5 and Unicode string gets a page, never a server error', async ({
  request,
}) => {
  test.setTimeout(240_000)
  const sqli = corpus('sqli.txt', sqliBuiltIn)
  const unicode = corpus('unicode.txt', unicodeBuiltIn)
  const failures: string[] = []
  const check = async (url: string, allowed: (status: number) => boolean) => {
    const response = await request.get(url, { maxRedirects: 0 })
    const body = await response.text()
    if (!allowed(response.status())) failures.push(`${response.status()} ${url.slice(0, 160)}`)
    if (leaked.test(body)) failures.push(`leaked content: ${url.slice(0, 160)}`)
  }
  const below500 = (s: number) => s < 500
  // Every string as the query; inside npm test every second one as the page number and every
  // fourth in paths (each is a full render), all of them with SECURITY_FULL=1.
  const every = (n: number) => (_: unknown, i: number) => full || i % n === 0
  const searches = [
    ...[...sqli, ...ftsSyntax, ...unicode].map((q) => `/search/?q=${encodeURIComponent(q)}`),
    ...sqli.filter(every(2)).map((q) => `/search/?q=city&page=${encodeURIComponent(q)}`),
  ]
  // A search gets a page; only an address longer than Node's 16 KB header limit is refused (431).
  for (const url of searches) await check(url, (s) => s === 200 || (s === 431 && url.length > 16_000))
  // Numbers in paths and slugs: a missing page, never a server error.
  for (const value of sqli.filter(every(4))) {
    const segment = encodeURIComponent(value)
    await check(`/category/business/page/${segment}/`, below500)
    await check(`/tag/${segment}/`, below500)
    await check(`/2025/${segment}/`, below500)
  }
  expect(failures).toEqual([])
})

test('path traversal through uploads, share images, sitemaps and slugs never escapes', async () => {
  test.setTimeout(120_000)
  const payloads = corpus('path-traversal.txt', traversalBuiltIn)
  const upload = (await testDb().value<string>('SELECT path FROM media ORDER BY id LIMIT 1'))!
  const dir = upload.split('/').slice(0, 2).join('/')
  const failures: string[] = []
  for (const p of payloads) {
    // File-serving routes: a refusal, nothing else.
    for (const url of [`/uploads/${p}`, `/uploads/${dir}/${p}`, `/og/article/${p}`, `/sitemaps/${p}`]) {
      const { status, type, body } = await rawGet(url)
      // A 200 may only be a page of the site, where the server resolved the dot segments (/uploads/..).
      const refused = [400, 404].includes(status) || (status >= 300 && status < 400)
      if (!refused && !(status === 200 && type.startsWith('text/html'))) failures.push(`${status} ${type} ${url}`)
      if (leaked.test(body)) failures.push(`leaked content: ${url}`)
    }
    // Pages addressed by slug: whatever page the server picks, never a file and never a 5xx.
    for (const url of [`/${p}/`, `/category/${p}/`, `/tag/${p}/`, `/author/${p}/`, `/2025/01/01/${p}/`]) {
      const { status, body } = await rawGet(url)
      if (status >= 500) failures.push(`${status} ${url}`)
      if (leaked.test(body)) failures.push(`leaked content: ${url}`)
    }
  }
  // The check itself sees a real file: the upload it started from is served.
  expect((await rawGet(`/uploads/${upload}`)).status).toBe(200)
  expect(failures).toEqual([])
})
