import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { tagPage } from '@/lib/page-cache'
import { searchHeader } from '@/lib/request-guard'
import { fragmentsHeader, heldFragments, includeMarkup } from '@/lib/shared-fragments'
import { FragmentStore } from './fragments'
import { createReaderHandler } from './reader-handler'

describe('the fragment store', () => {
  it('holds a fragment for the generation it was rendered in, and for an hour at most', () => {
    const store = new FragmentStore()
    store.keep(new Map([['header', '<header>1</header>']]), 3, 3, 0)
    expect(Object.fromEntries(store.current(3, 1000))).toEqual({ header: '<header>1</header>' })
    expect(store.current(4, 1000).size).toBe(0)
    expect(store.current(3, 60 * 60 * 1000).size).toBe(0)
  })

  it('refuses what a render started before a purge brings', () => {
    const store = new FragmentStore()
    store.keep(new Map([['footer', '<footer>old</footer>']]), 2, 3, 0)
    expect(store.current(3, 0).size).toBe(0)
  })
})

describe('pages with shared fragments', () => {
  let server: http.Server
  let base: string
  let serve: ReturnType<typeof createReaderHandler>
  let siteName = 'Old name'
  const asked: (string | undefined)[] = []
  const searched: (string | undefined)[] = []

  beforeAll(async () => {
    await migrateDatabase(db)
    // Stands in for Next and components/site/shared-fragment.tsx: a held header is left out, any
    // other is rendered in full between marks.
    serve = createReaderHandler(
      async (req, res) => {
        const value = req.headers[fragmentsHeader] as string | undefined
        asked.push(value)
        searched.push(req.headers[searchHeader] as string | undefined)
        const held = heldFragments(value)
        tagPage('layout', 'list')
        const header = `<header><a href="/">${siteName}</a></header>`
        const chrome = !held
          ? header
          : held.has('header')
            ? includeMarkup('header')
            : `<gazette-fragment data-name="header">${header}</gazette-fragment>`
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(`<html><body>${chrome}<main>${req.url}</main></body></html>`)
      },
      () => undefined,
    )
    server = http.createServer((req, res) => void serve(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('render the shared parts once per content version and give every reader the whole page', async () => {
    const first = await (await fetch(`${base}/one/`)).text()
    const second = await (await fetch(`${base}/two/`)).text()
    expect(first).toBe('<html><body><header><a href="/">Old name</a></header><main>/one/</main></body></html>')
    expect(second).toBe('<html><body><header><a href="/">Old name</a></header><main>/two/</main></body></html>')
    expect(asked.slice(-2)).toEqual(['-', '-,header'])

    // An editor renames the site: the purge drops the held header with the pages.
    siteName = 'New name'
    serve.cache.purge(['layout'])
    expect(await (await fetch(`${base}/two/`)).text()).toContain('New name')
    expect(asked.at(-1)).toBe('-')
    expect(await (await fetch(`${base}/three/`)).text()).toContain('New name')
    expect(asked.at(-1)).toBe('-,header')
  })

  it('cannot be asked for by a request, which gets the page without marks', async () => {
    const res = await fetch(`${base}/four/`, {
      headers: { [fragmentsHeader]: '-,header,footer,sidebar', Cookie: 'authjs.session-token=x' },
    })
    const html = await res.text()
    expect(asked.at(-1)).toBeUndefined()
    expect(html).toContain('<header>')
    expect(html).not.toContain('gazette-')
  })

  it("pass the query string on to the renders the front server cuts, which skip Next's proxy", async () => {
    const forged = { [searchHeader]: '?saved=article-9' }
    await fetch(`${base}/five/?saved=article-1`, { headers: forged })
    expect(searched.at(-1)).toBe('?saved=article-1')
    await fetch(`${base}/six/`, { headers: forged })
    expect(searched.at(-1)).toBe('')
  })
})
