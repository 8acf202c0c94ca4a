import type { IncomingMessage, ServerResponse } from 'node:http'
import { type CachedPage, identityBody } from '@/lib/page-cache'

/**
 * Answers from the page cache: 304 when the reader has this version, else the encoding they accept.
 * `shared` is what a shared cache in front may do with it (Cache-Control, surrogate keys).
 */
export function sendCached(
  req: IncomingMessage,
  res: ServerResponse,
  page: CachedPage,
  shared: Record<string, string> = { 'Cache-Control': 'public, max-age=0, must-revalidate' },
) {
  const common = {
    ETag: page.etag,
    ...shared,
    Vary: 'Accept-Encoding',
    'X-Cache': 'HIT',
  }
  if (req.headers['if-none-match'] === page.etag) {
    res.writeHead(304, common).end()
    return
  }
  const accept = req.headers['accept-encoding'] ?? ''
  const [body, encoding] = /\bbr\b/.test(accept)
    ? [page.br, 'br']
    : /\bgzip\b/.test(accept)
      ? [page.gzip, 'gzip']
      : [identityBody(page), undefined]
  res.writeHead(page.status, {
    ...page.headers,
    ...common,
    'Content-Length': body.length,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}
