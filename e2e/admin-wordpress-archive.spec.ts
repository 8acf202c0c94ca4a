import { expect, request as playwrightRequest, test } from '@playwright/test'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readWxr, type WxrItem } from '../services/wordpress/wxr'
import { baseURL } from '../playwright.config'
import { onPostgres } from './db'
import { postgresDatabase } from './security/server'

// Runs with the back-office specs, after the reader ones: it serves its own database on its own
// port, and a slow machine failing it must not hold back every back-office spec.
// The WordPress Theme Unit Test export, imported into its own database and served by its own server.
const themeData = path.resolve('../shared/testdata/wordpress/themeunittestdata.wordpress.xml')

test.describe('an imported WordPress site', () => {
  test.skip(!fs.existsSync(themeData), 'the Theme Unit Test export is not checked out beside the project')
  test.describe.configure({ mode: 'serial', timeout: 300_000 })

  const port = Number(new URL(baseURL).port) + 1000
  const origin = `http://127.0.0.1:${port}`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-wp-e2e-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: path.join(dir, 'wp.db'),
    PORT: String(port),
    SITE_URL: origin,
    ADMIN_PASSWORD: 'wp-import-admin-password',
    AUTH_SECRET: 'wp-e2e-secret-wp-e2e-secret-wp-e2e-secret',
    NEXT_TELEMETRY_DISABLED: '1',
    WEB_CONCURRENCY: '1',
  }
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs')
  let server: ChildProcess | undefined
  const items: WxrItem[] = []

  test.beforeAll(async () => {
    test.setTimeout(300_000)
    // On PostgreSQL an empty database of its own, which the import migrates as it would the file.
    if (onPostgres) env.DATABASE_URL = await postgresDatabase('wordpress')
    const imported = spawnSync(process.execPath, [tsx, 'scripts/import-wordpress.ts', themeData, '--no-download'], {
      env,
      encoding: 'utf8',
    })
    expect(imported.status, imported.stderr).toBe(0)
    for await (const e of readWxr(fs.createReadStream(themeData))) if (e.kind === 'item') items.push(e.item)
    server = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], { env, stdio: 'ignore' })
    const ctx = await playwrightRequest.newContext()
    let up = false
    for (let i = 0; i < 360 && !up; i++) {
      up = !!(await ctx.get(`${origin}/`).catch(() => undefined))?.ok()
      if (!up) await new Promise((r) => setTimeout(r, 500))
    }
    await ctx.dispose()
    expect(up, `the imported site did not start at ${origin}`).toBe(true)
  })

  test.afterAll(() => {
    server?.kill('SIGTERM')
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('every published post and page answers 200 at its old URL, its ?p= URL and its new one', async () => {
    const ctx = await playwrightRequest.newContext({ baseURL: origin })
    const published = items.filter(
      (i) => (i.type === 'post' || i.type === 'page') && i.status === 'publish' && !i.password,
    )
    expect(published.length).toBe(76)
    for (const item of published) {
      const old = new URL(item.link)
      const viaLink = await ctx.get(`${old.pathname.replace(/\/{2,}/g, '/')}${old.search}`)
      expect(viaLink.status(), item.link).toBe(200)
      const viaId = await ctx.get(item.type === 'post' ? `/?p=${item.id}` : `/?page_id=${item.id}`)
      expect(viaId.status(), `${item.type} ${item.id}`).toBe(200)
      expect(viaId.url(), `${item.type} ${item.id}`).toBe(viaLink.url())
      const html = await viaLink.text()
      expect(html, item.link).toMatch(/<h1[^>]*>/)
      expect(html, item.link).not.toMatch(/\[caption|\[gallery|<!-- wp:/)
    }
    await ctx.dispose()
  })

  test('section, tag, author, feed and attachment URLs of the old site lead somewhere that answers 200', async () => {
    const ctx = await playwrightRequest.newContext({ baseURL: origin })
    const paths = [
      '/category/parent-category/',
      '/category/child-category-03/',
      '/category/parent-category/feed/',
      '/tag/content-2/',
      '/author/themedemos/',
      '/?cat=2835016',
      '/?tag=content-2',
      '/?m=201301',
      '/?s=markup',
      '/2013/01/11/markup-html-tags-and-formatting/feed/',
    ]
    // Attachment pages of a post lead to that post.
    for (const a of items.filter((i) => i.type === 'attachment' && i.parent)) {
      const parent = items.find((i) => i.id === a.parent)
      if (parent?.type === 'post' && parent.status === 'publish' && !parent.password)
        paths.push(new URL(a.link).pathname)
    }
    expect(paths.length).toBeGreaterThan(15)
    for (const p of paths) expect((await ctx.get(p)).status(), p).toBe(200)
    await ctx.dispose()
  })
})
