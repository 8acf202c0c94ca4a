import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import { proxy } from './proxy'

const office = (cookie?: string) =>
  proxy(new NextRequest('http://localhost/admin/articles/', { headers: cookie ? { cookie } : {} }))

describe('the proxy', () => {
  it('sends a visitor without a session cookie from the back office to sign in', () => {
    const response = office('theme=dark')
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('http://localhost/admin/login/?callbackUrl=%2Fadmin%2Farticles%2F')
  })

  it('lets every form of the session cookie through to the pages, which authorize', () => {
    for (const cookie of [
      'authjs.session-token=a',
      '__Secure-authjs.session-token=a',
      // A large session, split by Auth.js.
      'authjs.session-token.0=a; authjs.session-token.1=b',
    ]) {
      const response = office(cookie)
      expect(response.status, cookie).toBe(200)
      expect(response.headers.get('content-security-policy'), cookie).toMatch(/script-src 'self' 'nonce-[^']+'/)
    }
  })
})
