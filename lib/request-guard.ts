import type { IncomingMessage } from 'node:http'

/** Set by the server from the connection (or a trusted proxy); a copy sent by a client is dropped. */
export const clientIpHeader = 'x-gazette-client-ip'
/** The query string of the page being rendered, set by proxy.ts for server components. */
export const searchHeader = 'x-gazette-search'

const forwarded = [
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'forwarded',
  'x-real-ip',
]
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function hostOf(url: string) {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return undefined
  }
}

/**
 * Normalises a request before anything reads it, and refuses cross-site writes.
 *
 * - Without a trusted proxy (TRUST_PROXY unset) the X-Forwarded-* headers come from the client
 *   and are removed: they would otherwise let anyone pick the host Next and Auth.js believe they
 *   serve, or the address the sign-in limits count.
 * - The client address is passed on in one header of our own: the socket's address, or the one
 *   the trusted proxy appended last to X-Forwarded-For.
 * - A write (server action, Auth.js POST, any route handler) whose Origin, or failing that
 *   Referer, names another host, or that the browser marks as cross-site, is refused. Next only
 *   compares Origin, answers a mismatch with a 500, and trusts X-Forwarded-Host for it.
 *
 * Returns the reason for a refusal, or undefined when the request may go on.
 */
export function guardRequest(req: IncomingMessage, trustProxy: boolean, siteUrl?: string): string | undefined {
  const headers = req.headers
  delete headers[clientIpHeader]
  let ip = req.socket.remoteAddress ?? ''
  if (trustProxy) {
    const chain = String(headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    ip = chain.at(-1) ?? ip
  } else {
    for (const name of forwarded) delete headers[name]
  }
  headers[clientIpHeader] = ip.replace(/^::ffff:/, '')

  if (!unsafeMethods.has(req.method ?? 'GET')) return undefined
  // Behind a proxy the public host is SITE_URL's when it is set, so a forwarded host can never
  // make a foreign Origin look like this site.
  const host = String(
    (trustProxy && siteUrl && hostOf(siteUrl)) || (trustProxy && headers['x-forwarded-host']) || headers.host || '',
  )
    .split(',')[0]!
    .trim()
    .toLowerCase()
  const origin = headers.origin
  if (origin !== undefined) return hostOf(origin) === host ? undefined : `foreign Origin ${origin}`
  const referer = headers.referer
  if (referer !== undefined) return hostOf(referer) === host ? undefined : `foreign Referer`
  if (headers['sec-fetch-site'] === 'cross-site') return 'cross-site fetch'
  return undefined
}

/**
 * True when the path holds a percent-escape that is not UTF-8 (e.g. %c0%af, %ff). Next's router
 * fails on such a path with a 500; it names no page, so it is answered with a 400 before Next.
 * The query string is left alone: URLSearchParams reads bad escapes leniently.
 */
export function malformedPath(url: string) {
  const path = url.split(/[?#]/, 1)[0]!
  try {
    decodeURIComponent(path)
    return false
  } catch {
    return true
  }
}
