import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { testDb } from '../db'
import { databaseFingerprint, roleCookies } from './support'

type Allow = string[] | 'everyone'
type Matrix = {
  roles: string[]
  pages: { path: string; allow: Allow }[]
  routes: { method: string; path: string; allow: Allow }[]
  actions: {
    action: string
    page: string
    args: unknown[]
    allow: Allow
    endsAtSignIn?: boolean
    // An allowed call that legitimately writes (e.g. "sign out everywhere" bumps the session
    // version): the database is compared only for refusals, and the row runs last for each role
    // because it may end the caller's session.
    writes?: boolean
  }[]
}

const matrix = JSON.parse(fs.readFileSync(path.join(__dirname, 'authz-matrix.json'), 'utf8')) as Matrix
const allowed = (allow: Allow, role: string) => allow === 'everyone' || allow.includes(role)

/** Server action ids by "file#export", from the production build this suite runs against. */
function actionIds() {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>
  }
  return new Map(Object.entries(manifest.node).map(([id, a]) => [`${a.filename}#${a.exportedName}`, id]))
}

async function placeholders() {
  const db = testDb()
  const ids: Record<string, unknown> = {
    // A seeded article written by someone none of the matrix accounts is.
    othersArticle: await db.value(
      "SELECT a.id FROM articles a JOIN users u ON u.id = a.author_id WHERE u.email NOT LIKE 'matrix-%' AND u.role != 'admin' ORDER BY a.id LIMIT 1",
    ),
    media: await db.value('SELECT id FROM media ORDER BY id LIMIT 1'),
    page: await db.value('SELECT id FROM pages ORDER BY id LIMIT 1'),
  }
  return (p: string) => p.replace(/\{(\w+)\}/g, (_, name: string) => String(ids[name] ?? 'missing'))
}

// Signed out, with a forged cookie so the request passes the optimistic proxy and meets the real check.
const forgedSession = 'authjs.session-token=forged'

/**
 * Refused: a 403, or sent to sign in (a redirect for pages, an action redirect for actions): the
 * staff sign-in, or for reader account actions the reader sign-in.
 */
function refused(response: APIResponse, endsAtSignIn = false) {
  const to = response.headers()['location'] ?? response.headers()['x-action-redirect'] ?? ''
  return response.status() === 403 || (!endsAtSignIn && (to.includes('/admin/login/') || to.startsWith('/signin/')))
}

async function call(
  request: APIRequestContext,
  cookie: string,
  kind: 'page' | 'route' | 'action',
  target: { path: string; method?: string; id?: string; args?: unknown[] },
) {
  if (kind !== 'action')
    return request.fetch(target.path, { method: target.method ?? 'GET', headers: { cookie }, maxRedirects: 0 })
  // How React encodes a server action call: argument 0 is the JSON of the arguments, a FormData
  // argument is the reference "$K1" whose fields would be named "1_…".
  const args = JSON.stringify(target.args!.map((a) => (a === '$form' ? '$K1' : a)))
  return request.post(target.path, {
    headers: {
      cookie,
      'Next-Action': target.id!,
      Origin: new URL(target.path, test.info().project.use.baseURL).origin,
    },
    multipart: { '0': args },
    maxRedirects: 0,
  })
}

test('the matrix covers every admin page and every server action of the build', () => {
  const ids = actionIds()
  expect([...ids.keys()].sort()).toEqual(matrix.actions.map((a) => a.action).sort())
  const pageFiles = (fs.readdirSync('app/admin', { recursive: true }) as string[])
    .filter((f) => path.basename(f) === 'page.tsx')
    .map((f) => ('/admin/' + path.dirname(f).replace(/\([^)]+\)\/?/g, '') + '/').replace(/\/\.?\/$|\/+$/, '/'))
  for (const file of pageFiles) {
    const pattern = new RegExp(
      '^' +
        file
          .replace(/\[[^\]]+\]/g, '\u0000')
          .replace(/[.*+?^${}()|\\]/g, '\\$&')
          .replace(/\u0000/g, '[^/]+') +
        '$',
    )
    expect(
      matrix.pages.some((p) => pattern.test(p.path)),
      `${file} is in e2e/security/authz-matrix.json`,
    ).toBe(true)
  }
})

test('every role gets exactly what the matrix allows, and a refusal changes nothing', async ({ request, browser }) => {
  test.setTimeout(240_000)
  const cookies = await roleCookies(browser)
  const resolve = await placeholders()
  const ids = actionIds()
  const rows = [
    ...matrix.pages.map((p) => ({
      kind: 'page' as const,
      name: p.path,
      allow: p.allow,
      target: { path: resolve(p.path) },
    })),
    ...matrix.routes.map((r) => ({
      kind: 'route' as const,
      name: `${r.method} ${r.path}`,
      allow: r.allow,
      target: { path: r.path, method: r.method },
    })),
    ...[...matrix.actions]
      .sort((a, b) => Number(a.writes ?? false) - Number(b.writes ?? false))
      .map((a) => ({
        kind: 'action' as const,
        name: a.action,
        allow: a.allow,
        endsAtSignIn: a.endsAtSignIn,
        writes: a.writes ?? false,
        target: { path: resolve(a.page), id: ids.get(a.action), args: a.args },
      })),
  ]
  const mismatches: string[] = []
  for (const role of matrix.roles) {
    const cookie = role === 'anonymous' ? forgedSession : cookies[role]
    expect(cookie, `an account for ${role}`).toBeTruthy()
    for (const row of rows) {
      const before = await databaseFingerprint()
      const response = await call(request, cookie!, row.kind, row.target)
      const label = `${role} × ${row.name}: ${response.status()}`
      expect(response.status(), label).toBeLessThan(500)
      if (row.kind === 'action')
        expect(response.headers()['content-type'], `${label}: the action answered`).toContain('text/x-component')
      const wasRefused = refused(response, 'endsAtSignIn' in row && row.endsAtSignIn)
      if (wasRefused === allowed(row.allow, role)) mismatches.push(`${label} ${wasRefused ? 'refused' : 'allowed'}`)
      // Allowed actions carry no valid input, so they may not change anything either. (Opening an
      // article in the editor legitimately records who has it open.)
      if (wasRefused || (row.kind === 'action' && !row.writes))
        expect(await databaseFingerprint(), `${label}: the database changed`).toEqual(before)
    }
  }
  expect(mismatches).toEqual([])
})
