// Each assumption of next-internals.ts, checked against the installed `next` package and the app's
// routes: a Next upgrade that breaks one fails here, not in production.
import fs from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { inspect } from 'node:util'
import { buildSync } from 'esbuild'
import { ACTION_HEADER, FLIGHT_HEADERS, RSC_HEADER } from 'next/dist/client/components/app-router-headers'
import { createInlinedDataReadableStream } from 'next/dist/server/app-render/use-flight-response'
import { patchErrorInspectNodeJS } from 'next/dist/server/patch-error-inspect'
import { getServerActionRequestMetadata } from 'next/dist/server/lib/server-action-request-meta'
import { isRSCRequestHeader } from 'next/dist/server/lib/is-rsc-request'
import { addRequestMeta, getRequestMeta } from 'next/dist/server/request-meta'
import { normalizeAppPath } from 'next/dist/shared/lib/router/utils/app-paths'
import { getRouteRegex } from 'next/dist/shared/lib/router/utils/route-regex'
import { describe, expect, it, vi } from 'vitest'
import { inlineScriptHashes } from '@/lib/csp'
import { forgetRouting, isFlightOrAction, mapTracesOnDemand, notFoundUrl, readerHtml } from './next-internals'

// Next's server puts this in place before any of its modules loads; its request storage, which
// the trace printing below enters, is created from it on first import.
await vi.hoisted(async () => {
  const { AsyncLocalStorage } = await import('node:async_hooks')
  ;(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage
})

const request = (method: string, headers: Record<string, string>) =>
  ({ method, url: '/', headers }) as unknown as IncomingMessage

describe('the request Next has routed', () => {
  it('forgets everything Next recorded on it', () => {
    const req = request('GET', {})
    addRequestMeta(req, 'initURL', 'http://localhost/a/')
    addRequestMeta(req, 'isRSCRequest', true)
    expect(getRequestMeta(req, 'initURL')).toBe('http://localhost/a/')
    forgetRouting(req)
    expect(getRequestMeta(req)).toEqual({})
  })
})

describe('RSC fetches and server actions', () => {
  it('are told apart by the headers Next itself reads', () => {
    expect(FLIGHT_HEADERS).toContain(RSC_HEADER)
    // Node lower-cases incoming header names: Next's constants must already be lower case.
    expect(RSC_HEADER).toBe(RSC_HEADER.toLowerCase())
    expect(ACTION_HEADER).toBe(ACTION_HEADER.toLowerCase())
    const navigation = request('GET', { [RSC_HEADER]: '1' })
    expect(isRSCRequestHeader(navigation.headers[RSC_HEADER])).toBe(true)
    expect(isFlightOrAction(navigation)).toBe(true)
    const action = request('POST', { [ACTION_HEADER]: 'abc123' })
    expect(getServerActionRequestMetadata(action).isFetchAction).toBe(true)
    expect(isFlightOrAction(action)).toBe(true)
    expect(isFlightOrAction(request('GET', { accept: 'text/html' }))).toBe(false)
  })
})

describe("Next's inline RSC payload", () => {
  async function inlined(payload: string, nonce?: string) {
    const flight = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(payload))
        controller.close()
      },
    })
    return new Response(createInlinedDataReadableStream(flight, nonce, null)).text()
  }

  it('escapes `<`, so each of its scripts ends at the first `</script>` and is removed whole', async () => {
    const hostile = 'a title with </script><script>alert(1)</script><!-- and <script src=x>'
    for (const nonce of [undefined, 'abc']) {
      const html = await inlined(hostile, nonce)
      expect(html).toContain('self.__next_f')
      expect(html).not.toContain('alert(1)</script>')
      // Every script element the payload makes closes exactly once.
      expect(html.match(/<script\b/g)!.length).toBe(html.match(/<\/script>/g)!.length)
      const page = `<p>kept</p>${html}<script type="application/ld+json">{"a":1}</script>`
      const reader = readerHtml(Buffer.from(page)).toString()
      expect(reader).toBe('<p>kept</p><script type="application/ld+json">{"a":1}</script>')
      expect(inlineScriptHashes(reader)).toEqual([])
    }
  })
})

describe('the page without the client runtime', () => {
  // The text form the page was cut with before it was cut as bytes: both must agree.
  const byPattern = (html: string) =>
    html
      .replace(/<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g, '')
      .replace(/<link\b[^>]*\bas="script"[^>]*>/g, '')

  it('drops scripts and script preloads, keeps JSON-LD, other links and text in any script', () => {
    const pages = [
      '<html><head><link rel="stylesheet" href="/a.css"/><link rel="preload" as="script" href="/b.js"/>' +
        '<script src="/c.js" async=""></script></head><body><h1>Café – “news” 😀</h1>' +
        '<script type="application/ld+json">{"name":"Zoë"}</script><scripts>kept</scripts><linked/>' +
        '<script nonce="n">self.__next_f.push([1,"é\u003c/script>"])</script><p>end ✓</p></body></html>',
      '<p>no script at all</p>',
      '<p>cut short</p><script>never closed',
      '<script>a</script><script>b</script>',
    ]
    for (const page of pages) {
      expect(readerHtml(Buffer.from(page)).toString()).toBe(byPattern(page))
    }
    expect(readerHtml(Buffer.from(pages[0]!)).toString()).toContain('<h1>Café – “news” 😀</h1>')
  })
})

describe('the not-found URL', () => {
  const appDir = path.resolve('app')
  const routes = fs
    .readdirSync(appDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /(^|\/)(page|route)\.(tsx?|jsx?)$/.test(file))
    .map((file) => normalizeAppPath(`/${path.dirname(file)}`.replace(/\/\.$/, '')))

  it('matches none of the app routes, so Next answers it with the global not-found page', () => {
    expect(routes.length).toBeGreaterThan(10)
    expect(routes).toContain('/api/auth/[...nextauth]')
    // Next matches a path without its trailing slash (`trailingSlash: true` only redirects).
    const pathname = notFoundUrl.replace(/\/$/, '')
    for (const route of routes) expect(getRouteRegex(route).re.test(pathname), route).toBe(false)
    expect(fs.existsSync(path.join(appDir, 'not-found.tsx'))).toBe(true)
  })
})

describe('stack traces Next prints', () => {
  it('name the source line, from a map read only once a trace is printed', () => {
    // A minified chunk and its map, as a build writes them.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-trace-'))
    const source = path.join(dir, 'sections-actions.ts')
    fs.writeFileSync(source, 'export function moveSection(): never {\n  throw new Error("disk full")\n}\n')
    const chunk = path.join(dir, 'chunk.js')
    buildSync({ entryPoints: [source], outfile: chunk, format: 'cjs', minify: true, sourcemap: 'external' })
    const { moveSection } = createRequire(import.meta.url)(chunk) as { moveSection: () => never }
    const thrown = () => {
      try {
        moveSection()
      } catch (error) {
        return inspect(error)
      }
    }
    const { prepareStackTrace } = Error
    const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')
    const errorInspect = Object.getOwnPropertyDescriptor(Error.prototype, inspectSymbol)
    patchErrorInspectNodeJS(Error)
    try {
      expect(thrown()).toContain('chunk.js:1:')
      mapTracesOnDemand([path.join(dir, 'elsewhere')])
      expect(thrown()).not.toContain('sections-actions.ts')
      mapTracesOnDemand([dir])
      expect(thrown()).toMatch(/sections-actions\.ts:2:\d+/)
    } finally {
      Error.prepareStackTrace = prepareStackTrace
      if (errorInspect) Object.defineProperty(Error.prototype, inspectSymbol, errorInspect)
      else delete (Error.prototype as unknown as Record<symbol, unknown>)[inspectSymbol]
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
