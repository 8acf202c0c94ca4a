import type { IncomingMessage, ServerResponse } from 'node:http'
import { gunzipSync, gzipSync } from 'node:zlib'
import { getToken } from 'next-auth/jwt'
import { getPageVisitor } from '@/db/queries/visitors'
import { env } from '@/lib/env'
import type { CachedPage } from '@/lib/page-cache'
import { pageBytes } from '@/lib/page-text'
import { type PersonalParts, personalParts, type Visitor } from '@/lib/reader-slots'
import { gzipOf, gzipPieces } from '@/lib/spliced-gzip'

// Their own page, for them alone: no shared cache may keep it, and it is never a 304.
const personalHeaders = { 'Cache-Control': 'private, no-cache', Vary: 'Accept-Encoding, Cookie' }

// The headers a stored page's signed-in answers share, as name, value, name, value…: built once
// per page, where spreading them into an object for every answer cost as much as the rest of it.
const sharedByReaders = new WeakMap<CachedPage, (string | number)[]>()
function readerHeaders(page: CachedPage) {
  let headers = sharedByReaders.get(page)
  if (!headers)
    sharedByReaders.set(
      page,
      (headers = Object.entries({ ...page.headers, ...personalHeaders, 'X-Cache': 'HIT' }).flat()),
    )
  return headers
}

/** Answers a signed-in reader with the cached page made theirs. */
export function sendPersonal(req: IncomingMessage, res: ServerResponse, page: CachedPage, visitor: Visitor) {
  const parts = personalParts(page.personal!, visitor)
  const headers = readerHeaders(page)
  if (!/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    const body = gunzipSync(gzipOf(parts))
    res.writeHead(page.status, [...headers, 'Content-Length', body.length])
    return res.end(req.method === 'HEAD' ? undefined : body)
  }
  // The cached parts are written as they are, in one writev: a body joined per reader would be
  // 12-52 KB copied and collected on every answer.
  const { pieces, size } = gzipPieces(parts)
  res.writeHead(page.status, [...headers, 'Content-Length', size, 'Content-Encoding', 'gzip'])
  if (req.method === 'HEAD') return res.end()
  res.cork()
  for (const piece of pieces) res.write(piece)
  res.uncork()
  res.end()
}

/**
 * Answers the reader whose visit rendered the page with their own version of it, through the
 * response whose status and headers Next set: spliced from the parts just compressed for the
 * cache when the page is shared, else compressed here.
 */
export function endRenderedPersonal(
  req: IncomingMessage,
  res: ServerResponse,
  page: { parts: PersonalParts } | { html: string },
  visitor: Visitor,
  callback: (() => void) | undefined,
) {
  const gzipped = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
  let body: Buffer
  if ('parts' in page) {
    body = gzipOf(personalParts(page.parts, visitor))
    if (!gzipped) body = gunzipSync(body)
  } else body = gzipped ? gzipSync(pageBytes(page.html)) : pageBytes(page.html)
  for (const [name, value] of Object.entries(personalHeaders)) res.setHeader(name, value)
  if (gzipped) res.setHeader('Content-Encoding', 'gzip')
  res.removeHeader('transfer-encoding')
  res.setHeader('Content-Length', body.length)
  res.end(req.method === 'HEAD' ? undefined : body, callback)
}

type Session = {
  uid: number
  sv: number
  expires: number
  /** Who the database said this session is, and the data version it was asked under. */
  checked?: { version: number; visitor: Visitor | undefined }
}
// Decrypting a session cookie costs more than the rest of a cached answer, and a reader sends the
// same cookie until it is reissued: decrypted ones are kept, by their exact header.
const sessions = new Map<string, Session | null>()
const maxSessions = 10_000

async function sessionOf(cookie: string): Promise<Session | null> {
  const known = sessions.get(cookie)
  if (known !== undefined) return known && known.expires > Date.now() ? known : null
  const secureCookie = /(?:^|;\s*)__Secure-authjs\.session-token/.test(cookie)
  const token = await getToken({ req: { headers: { cookie } }, secret: env.AUTH_SECRET, secureCookie }).catch(
    () => null,
  )
  const session =
    token && typeof token.uid === 'number' && typeof token.sv === 'number' && typeof token.exp === 'number'
      ? { uid: token.uid, sv: token.sv, expires: token.exp * 1000 }
      : null
  if (sessions.size >= maxSessions) sessions.clear()
  sessions.set(cookie, session)
  return session
}

/**
 * The signed-in reader asking, when the shared page can be theirs: a valid session of an active
 * account with the reader role. The account is checked against the database whenever anything has
 * been committed since the last check (on PostgreSQL, which keeps no data version: every
 * request), so a deactivation or "sign out everywhere" holds at once. Staff, and anything
 * unexpected, get their page rendered in full, where Auth.js decides. `version` is the data version
 * read after the request arrived (PurgePoller.afterApplied).
 */
export async function visitorOf(req: IncomingMessage, version: number | undefined): Promise<Visitor | undefined> {
  if (!env.AUTH_SECRET) return undefined
  const session = await sessionOf(req.headers.cookie ?? '')
  if (!session) return undefined
  // Any commit moves the data version, so while it has not moved the last answer still holds. On a
  // busy page, asking the database again cost a signed-in answer more than the rest of it: each
  // statement takes and releases SQLite's file locks.
  if (version !== undefined && session.checked?.version === version) return session.checked.visitor
  const user = await getPageVisitor(session.uid)
  const visitor =
    !user || user.status !== 'active' || user.sessionVersion !== session.sv || user.role !== 'reader'
      ? undefined
      : { id: session.uid, name: user.name, saved: user.saved }
  if (version !== undefined) session.checked = { version, visitor }
  return visitor
}
