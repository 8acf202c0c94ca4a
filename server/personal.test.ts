import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { encode } from 'next-auth/jwt'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db, sqlite } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { ensureDefaultList, saveToList, signOutEverywhere } from '@/db/mutations/readers'
import { users } from '@/db/schema'
import { addUser, firstRow, publishArticle } from '@/db/test-fixtures'
import { tagPage } from '@/lib/page-cache'
import { readerNameToken, slotsHeader } from '@/lib/reader-slots'
import { createReaderHandler } from './reader-handler'
import { pageStored } from './test-fixtures'

// Stands in for Next: a page with the account slot and a Save slot per article, rendered for
// whoever the cookie says (staff see their own page), and every render recorded.
const renders: { url: string; cookie: boolean; slots?: string }[] = []
const slot = (name: string, variant: string, reader: string, anonymous: string) =>
  `<gazette-slot data-slot="${name}"><template data-variant="${variant}">${reader}</template>${anonymous}</gazette-slot>`
let ids: number[] = []

let server: http.Server
let base: string
let serve: ReturnType<typeof createReaderHandler>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  await migrateDatabase(db)
  const editor = await addUser({ email: 'editor@example.com', name: 'Eda Editor', role: 'editor' })
  ids = [await publishArticle(editor, new Date()), await publishArticle(editor, new Date())]
  serve = createReaderHandler(
    async (req, res) => {
      renders.push({ url: req.url!, cookie: Boolean(req.headers.cookie), slots: req.headers[slotsHeader] as string })
      tagPage('list')
      const staff = req.headers.cookie ? 'Eda Editor (rendered for staff)' : undefined
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(
        '<html><body><nav aria-label="Account">' +
          (staff ?? slot('account', 'reader', `<a href="/account/">${readerNameToken}</a>`, '<a>Sign in</a>')) +
          '</nav>' +
          ids.map((id) => slot(`save:${id}`, 'saved', `<b>Saved ${id}</b>`, `<b>Save ${id}</b>`)).join('') +
          '</body></html>',
      )
    },
    () => undefined,
  )
  server = http.createServer((req, res) => void serve(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  for (const [key, name, role] of [
    ['rhea', 'Rhea <Reader>', 'reader'],
    ['otto', 'Otto', 'reader'],
    ['nia', 'Nia', 'reader'],
    ['eda', 'Eda Editor', 'editor'],
  ] as const) {
    const uid =
      role === 'editor'
        ? (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, 'editor@example.com')))).id
        : await addUser({ email: `${key}@example.com`, name, role, status: 'active' })
    if (role === 'reader') await ensureDefaultList(uid)
    const token = await encode({
      token: { uid, sv: 1, role, name },
      secret: process.env.AUTH_SECRET!,
      salt: 'authjs.session-token',
    })
    cookies[key] = `authjs.session-token=${token}`
  }
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function get(path: string, cookie?: string, encoding = 'gzip') {
  const response = await fetch(`${base}${path}`, {
    headers: { ...(cookie ? { cookie } : {}), 'accept-encoding': encoding },
  })
  return { response, html: await response.text() }
}

describe('a signed-in reader', () => {
  it('gets the shared page with their own name and saved state, and never another reader’s', async () => {
    renders.length = 0
    // Nobody has rendered the page yet: Rhea's visit renders the shared page (without her cookie).
    const first = await get('/front/', cookies.rhea)
    expect(first.response.headers.get('x-cache')).toBe('MISS')
    expect(first.html).toContain('<a href="/account/">Rhea &lt;Reader&gt;</a>')
    expect(renders).toEqual([{ url: '/front/', cookie: false, slots: '1' }])

    const anonymous = await get('/front/')
    expect(anonymous.response.headers.get('x-cache')).toBe('HIT')
    expect(anonymous.html).toContain('<a>Sign in</a>')
    expect(anonymous.html).not.toMatch(/Rhea|gazette-slot|template|Saved/)

    await saveToList(
      (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, 'rhea@example.com')))).id,
      ids[1]!,
    )
    const rhea = await get('/front/', cookies.rhea)
    const otto = await get('/front/', cookies.otto)
    for (const { response } of [rhea, otto]) {
      expect(response.headers.get('x-cache')).toBe('HIT')
      expect(response.headers.get('content-encoding')).toBe('gzip')
      expect(response.headers.get('cache-control')).toBe('private, no-cache')
      expect(response.headers.get('etag')).toBeNull()
    }
    expect(rhea.html).toContain(`<b>Save ${ids[0]}</b><b>Saved ${ids[1]}</b>`)
    expect(otto.html).toContain('<a href="/account/">Otto</a>')
    expect(otto.html).toContain(`<b>Save ${ids[0]}</b><b>Save ${ids[1]}</b>`)
    expect(otto.html).not.toContain('Rhea')
    expect(renders).toHaveLength(1)

    // A client that takes no gzip gets the same page uncompressed.
    const plain = await get('/front/', cookies.rhea, 'identity')
    expect(plain.response.headers.get('content-encoding')).toBeNull()
    expect(plain.html).toBe(rhea.html)
    // What the cache keeps is the anonymous page.
    expect(gunzipSync(serve.cache.get('/front/')!.gzip).toString()).toBe(anonymous.html)
  })

  it('whose visit renders the page gets their own state in it, compressed or not', async () => {
    // Rhea saved the second story in the test above.
    const rhea = await get('/front-first/', cookies.rhea)
    expect(rhea.response.headers.get('x-cache')).toBe('MISS')
    expect(rhea.response.headers.get('content-encoding')).toBe('gzip')
    expect(rhea.response.headers.get('etag')).toBeNull()
    expect(rhea.html).toContain('<a href="/account/">Rhea &lt;Reader&gt;</a>')
    expect(rhea.html).toContain(`<b>Save ${ids[0]}</b><b>Saved ${ids[1]}</b>`)
    const otto = await get('/front-first-plain/', cookies.otto, 'identity')
    expect(otto.response.headers.get('x-cache')).toBe('MISS')
    expect(otto.response.headers.get('content-encoding')).toBeNull()
    expect(otto.html).toContain('<a href="/account/">Otto</a>')
    expect(otto.html).toContain(`<b>Save ${ids[0]}</b><b>Save ${ids[1]}</b>`)
    await pageStored(serve.cache, '/front-first/')
    const anonymous = await get('/front-first/')
    expect(anonymous.response.headers.get('x-cache')).toBe('HIT')
    expect(anonymous.html).not.toMatch(/Rhea|Saved/)
  })

  it('has the page rendered for them alone just after a Save, as staff and a session that no longer holds do', async () => {
    await get('/front/')
    renders.length = 0
    const afterSave = await get(`/front/?saved=article-${ids[0]}`, cookies.otto)
    expect(afterSave.response.headers.get('x-cache')).toBeNull()
    const staff = await get('/front/', cookies.eda)
    expect(staff.html).toContain('rendered for staff')
    // Auth.js, in the full render, is what says a forged cookie is nobody.
    const forged = await get('/front/', 'authjs.session-token=forged')
    expect(forged.response.headers.get('x-cache')).toBeNull()
    await signOutEverywhere(
      (await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, 'otto@example.com')))).id,
    )
    await get('/front/', cookies.otto)
    expect(renders.map((r) => r.cookie)).toEqual([true, true, true, true])
    // Pages rendered for one request are not cut, so they carry no marks; nor can a client ask for them.
    expect(renders.map((r) => r.slots)).toEqual([undefined, undefined, undefined, undefined])
    await fetch(`${base}/account/`, { headers: { [slotsHeader]: '1' } })
    expect(renders.at(-1)).toEqual({ url: '/account/', cookie: false, slots: undefined })
  })

  it('is their own again the moment their account changes, whichever process commits it', async () => {
    await get('/front/')
    expect((await get('/front/', cookies.nia)).html).toContain('<a href="/account/">Nia</a>')
    expect((await get('/front/', cookies.nia)).html).toContain('<a href="/account/">Nia</a>')
    renders.length = 0
    // Through a connection of its own, as another process of the site (or the back office) would.
    if (sqlite) {
      const other = new Database(sqlite.name)
      try {
        other.prepare("UPDATE users SET status = 'deactivated' WHERE email = ?").run('nia@example.com')
      } finally {
        other.close()
      }
    } else await db.update(users).set({ status: 'deactivated' }).where(eq(users.email, 'nia@example.com'))
    const after = await get('/front/', cookies.nia)
    expect(after.html).not.toContain('Nia')
    expect(renders).toEqual([{ url: '/front/', cookie: true, slots: undefined }])
  })
})
