/**
 * Every assumption the front server makes about how Next works inside, in one place. None of them
 * is a documented API: each has a test in next-internals.test.ts that runs against the installed
 * `next` package (or the app's routes) and fails when an upgrade breaks it.
 *
 * Public APIs checked first: `NextServer.render404()` renders the not-found page, but skips the
 * routing layer (next.config `headers()`, proxy.ts) and sets its own Cache-Control, so a reader's
 * 404 would lose the site's security headers; the custom-server API has no way to ask whether a
 * request is an RSC fetch or a server action, nor to make Next forget a request it has routed.
 */
import fs from 'node:fs'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ACTION_HEADER, RSC_HEADER } from 'next/dist/client/components/app-router-headers'
import { NEXT_REQUEST_META } from 'next/dist/server/request-meta'

/**
 * A client-side navigation (the RSC payload of a page) or a server action: not a page a reader
 * sees, whatever its method. The header names are Next's own constants.
 */
export function isFlightOrAction(req: IncomingMessage) {
  return Boolean(req.headers[RSC_HEADER] || req.headers[ACTION_HEADER])
}

/**
 * Makes Next forget what it matched for this request, so the request can be handled a second
 * time: Next keeps its routing result on the request object under this symbol.
 */
export function forgetRouting(req: IncomingMessage) {
  delete (req as unknown as Record<symbol, unknown>)[NEXT_REQUEST_META]
}

/**
 * A path deeper than any route of the app: Next answers it with the global not-found page
 * (app/not-found.tsx), fully rendered. It must match no route: no catch-all segment may exist.
 */
export const notFoundUrl = '/_/not/found/by/any/route/'

const scriptOpen = Buffer.from('<script')
const scriptClose = Buffer.from('</script>')
const linkOpen = Buffer.from('<link')

/**
 * The page anonymous readers get: Next's HTML without its client runtime. Reader pages are complete
 * without JavaScript (no client component of ours is on them), so the framework's scripts, their
 * preloads and the inline RSC payload (two thirds of the bytes) would only cost readers download
 * and main-thread time, and the page cache would have to share script nonces between readers.
 * JSON-LD blocks are data, not scripts, and stay. Staff pages are never cut and keep the runtime
 * for the back office. Next escapes `<` inside its inline scripts, so a script element always ends
 * at the first `</script>`.
 *
 * It works on the bytes Next sent, before they are decoded: the payload is most of a render
 * (310 of 430 KB on a front page), and decoding it only to drop it was 3 ms of each miss.
 */
export function readerHtml(html: Buffer): Buffer {
  const kept: Buffer[] = []
  let from = 0
  let at = 0
  let script = -2
  let link = -2
  for (;;) {
    // Each search runs again only once the place it found is passed.
    if (script !== -1 && script < at) script = html.indexOf(scriptOpen, at)
    if (link !== -1 && link < at) link = html.indexOf(linkOpen, at)
    const open = script === -1 ? link : link === -1 ? script : Math.min(script, link)
    if (open === -1) break
    const isScript = open === script
    const tagEnd = html.indexOf(0x3e /* > */, open)
    if (tagEnd === -1) break
    // `<scripts>` or `<linked>` is another element, left alone.
    const tag = html.toString('latin1', open, tagEnd)
    const named = /^<(?:script|link)\W/.test(tag + '>')
    let end = -1
    if (named && isScript && !/\btype="application\/ld\+json"/.test(tag)) {
      const close = html.indexOf(scriptClose, tagEnd)
      if (close !== -1) end = close + scriptClose.length
    } else if (named && !isScript && /\bas="script"/.test(tag)) {
      end = tagEnd + 1
    }
    if (end === -1) {
      at = tagEnd + 1
      continue
    }
    kept.push(html.subarray(from, open))
    from = at = end
  }
  if (from === 0) return html
  kept.push(html.subarray(from))
  return Buffer.concat(kept)
}

/** How many source maps stay parsed between two traces: a trace touches a handful of chunks. */
const keptSourceMaps = 8

// Next's setBundlerFindSourceMapImplementation sets this, but importing its module here would
// create Next's request storage before Next's server has put AsyncLocalStorage in place.
const bundlerFindSourceMap = Symbol.for('next.dev.bundlerFindSourceMap')

/**
 * Stack traces Next prints (a server action's uncaught error) name the source file and line
 * instead of a minified chunk's. Next maps each frame through Node's source-map cache, which is
 * filled only with source maps enabled, and that costs every process 55 MB: Node then reads the map
 * of every file it loads, Next's own among them. When that cache has no map, Next asks a hook its
 * dev server fills; filled here, a build's map is read only when a trace is printed. Only the
 * files of `dirs` are looked up: the build's chunks and the compiled server.
 */
export function mapTracesOnDemand(dirs: string[]) {
  const roots = dirs.map((dir) => path.resolve(dir) + path.sep)
  const parsed = new Map<string, unknown>()
  ;(globalThis as Record<symbol, unknown>)[bundlerFindSourceMap] = (sourceURL: string) => {
    if (!sourceURL.startsWith('file:')) return undefined
    const file = fileURLToPath(sourceURL)
    if (!roots.some((root) => file.startsWith(root))) return undefined
    if (parsed.has(file)) {
      const payload = parsed.get(file)
      parsed.delete(file)
      parsed.set(file, payload)
      return payload
    }
    let payload: unknown
    try {
      payload = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'))
    } catch {
      payload = undefined
    }
    parsed.set(file, payload)
    if (parsed.size > keptSourceMaps) parsed.delete(parsed.keys().next().value!)
    return payload
  }
}
