import 'server-only'
import { absoluteUrl } from '@/lib/urls'
import { exportJson, exportWxr } from './export'

/** Streams an export as a download; the writer waits for the reader, so memory stays bounded. */
export function exportResponse(format: 'wordpress' | 'json') {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
  const writer = writable.getWriter()
  const encoder = new TextEncoder()
  const write = (chunk: string) => writer.write(encoder.encode(chunk))
  void (format === 'wordpress' ? exportWxr(absoluteUrl(''), write) : exportJson(write))
    .then(() => writer.close())
    .catch((error: Error) => writer.abort(error))
  const stamp = new Date().toISOString().slice(0, 10)
  return new Response(readable, {
    headers: {
      'Content-Type': format === 'wordpress' ? 'application/rss+xml; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="gazette-${stamp}.${format === 'wordpress' ? 'wordpress.xml' : 'json'}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
