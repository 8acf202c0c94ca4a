import { describe, expect, it } from 'vitest'
import { hasSessionCookie, holdsSessionCookie, isSessionCookie } from './session-cookie'

describe('session cookies', () => {
  it('knows Auth.js session cookies, secure, plain and split in chunks', () => {
    for (const name of [
      'authjs.session-token',
      '__Secure-authjs.session-token',
      'authjs.session-token.0',
      '__Secure-authjs.session-token.12',
    ])
      expect(isSessionCookie(name)).toBe(true)
    for (const name of [
      'authjs.csrf-token',
      'authjs.session-token-x',
      'xauthjs.session-token',
      'authjs.session-token.a',
      '',
    ])
      expect(isSessionCookie(name)).toBe(false)
  })

  it('finds one in a Cookie header, wherever it stands', () => {
    expect(hasSessionCookie('authjs.session-token=abc')).toBe(true)
    expect(hasSessionCookie('theme=dark; authjs.session-token.1=abc')).toBe(true)
    expect(hasSessionCookie('theme=dark;__Secure-authjs.session-token=abc')).toBe(true)
    expect(hasSessionCookie('authjs.csrf-token=abc; my-authjs.session-token=x')).toBe(false)
    expect(hasSessionCookie(undefined)).toBe(false)
  })

  it('finds one among parsed cookies', () => {
    expect(holdsSessionCookie([{ name: 'theme' }, { name: '__Secure-authjs.session-token.0' }])).toBe(true)
    expect(holdsSessionCookie([{ name: 'theme' }, { name: 'authjs.csrf-token' }])).toBe(false)
    expect(holdsSessionCookie([])).toBe(false)
  })
})
