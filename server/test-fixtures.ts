import http from 'node:http'
import { expect, vi } from 'vitest'
import type { PageCache } from '@/lib/page-cache'

/** A request over node:http rather than fetch, which would decompress the body and hide the encoding sent. */
export function rawRequest(url: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
      .end()
  })
}

/**
 * Waits until the page just sent for `url` is in the cache. It is stored after the response, once
 * the purges are read from the database, which on a loaded machine can take longer than any delay.
 */
export const pageStored = (cache: PageCache, url: string) =>
  vi.waitFor(() => expect(cache.get(url)).toBeDefined(), { timeout: 10_000 })
