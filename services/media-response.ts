import { immutableCacheControl, isMediaStoreError, mediaStore } from '@/db/media-store'

// A fixed list: the type a reader's browser is told comes from the name Gazette gave the file,
// never from what the storage or an upload claims.
const types: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  avif: 'image/avif',
}

const retryAfterSeconds = 30

const common = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'",
}

const notFound = () =>
  new Response('Not found\n', {
    status: 404,
    headers: { ...common, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })

/** The answer when the media storage cannot be reached: a reader's browser or a CDN tries again later. */
export function mediaUnavailableResponse() {
  return new Response('Media storage is unavailable; please try again shortly.\n', {
    status: 503,
    headers: {
      ...common,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(retryAfterSeconds),
    },
  })
}

/**
 * A medium under /uploads/, from whichever store holds it, streamed. Its name never changes
 * content, so it is cached for a year and revalidated with the store's ETag; a name that is not
 * a medium, or is missing, is a 404; a store that cannot answer is a 503, never a 500.
 */
export async function mediaResponse(request: Request, segments: string[]): Promise<Response> {
  const key = segments.join('/')
  const type = types[/\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '']
  if (!type) return notFound()
  let found
  try {
    found = await mediaStore().get(key, request.headers.get('if-none-match') ?? undefined)
  } catch (error) {
    if (isMediaStoreError(error)) return mediaUnavailableResponse()
    throw error
  }
  if (!found) return notFound()
  const headers: Record<string, string> = { ...common, 'Cache-Control': immutableCacheControl }
  if (found.etag) headers.ETag = found.etag
  if ('notModified' in found) return new Response(null, { status: 304, headers })
  if (found.lastModified) headers['Last-Modified'] = found.lastModified.toUTCString()
  return new Response(found.body, {
    headers: { ...headers, 'Content-Type': type, 'Content-Length': String(found.bytes) },
  })
}

/** Runs a route handler that reads media (share images, icons): a failing store gives the 503 above. */
export async function answeringMediaFailures(handle: () => Promise<Response>) {
  try {
    return await handle()
  } catch (error) {
    if (isMediaStoreError(error)) return mediaUnavailableResponse()
    throw error
  }
}
