import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { clientIpHeader, guardRequest, malformedPath } from './request-guard'

function request(method: string, headers: Record<string, string>, remoteAddress = '::ffff:10.0.0.9') {
  return {
    method,
    headers: { host: 'news.example', ...headers },
    socket: { remoteAddress },
  } as unknown as IncomingMessage
}

describe('guardRequest', () => {
  it('lets same-site writes and every read through', () => {
    expect(guardRequest(request('POST', { origin: 'https://news.example' }), false)).toBeUndefined()
    expect(guardRequest(request('POST', { referer: 'https://news.example/admin/' }), false)).toBeUndefined()
    expect(guardRequest(request('POST', {}), false)).toBeUndefined()
    expect(guardRequest(request('GET', { origin: 'https://evil.example' }), false)).toBeUndefined()
  })

  it('refuses foreign origins, referers and cross-site fetches', () => {
    expect(guardRequest(request('POST', { origin: 'https://evil.example' }), false)).toMatch(/Origin/)
    expect(guardRequest(request('POST', { origin: 'null' }), false)).toMatch(/Origin/)
    expect(guardRequest(request('POST', { referer: 'https://evil.example/x' }), false)).toMatch(/Referer/)
    expect(guardRequest(request('DELETE', { 'sec-fetch-site': 'cross-site' }), false)).toMatch(/cross-site/)
  })

  it('ignores forwarded headers unless a proxy is trusted', () => {
    const spoofed = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-for': '1.2.3.4' }
    const direct = request('POST', spoofed)
    expect(guardRequest(direct, false)).toMatch(/Origin/)
    expect(direct.headers['x-forwarded-host']).toBeUndefined()
    expect(direct.headers[clientIpHeader]).toBe('10.0.0.9')

    const proxied = request('POST', { ...spoofed, 'x-forwarded-for': '6.6.6.6, 1.2.3.4' })
    expect(guardRequest(proxied, true)).toBeUndefined()
    expect(proxied.headers[clientIpHeader]).toBe('1.2.3.4')
  })

  it('drops a client-supplied address header', () => {
    const r = request('GET', { [clientIpHeader]: '9.9.9.9' })
    guardRequest(r, false)
    expect(r.headers[clientIpHeader]).toBe('10.0.0.9')
  })
})

describe('malformedPath', () => {
  it('finds escapes that are not UTF-8 in the path only', () => {
    for (const bad of ['/tag/%ff/', '/uploads/..%c0%af..%c0%afetc', '/%ED%A0%80/', '/a%/', '/a%2/'])
      expect(malformedPath(bad), bad).toBe(true)
    for (const good of ['/', '/tag/caf%C3%A9/', '/search/?q=%ff', '/a%2fb/', '/%F0%9F%99%82/', '/x#%ff'])
      expect(malformedPath(good), good).toBe(false)
  })
})
