import { describe, expect, it } from 'vitest'
import { safeNext } from './reader'

describe('safeNext', () => {
  it.each(['/account/', '/2026/01/02/a-story/?x=1#respond', '/account/lists/'])('keeps the local path %s', (path) => {
    expect(safeNext(path)).toBe(path)
  })
  it.each([
    '//evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/ /evil',
    '/\t/evil.example',
    '/api/auth/signout',
    '',
    undefined,
    42,
  ])('refuses %s', (value) => {
    expect(safeNext(value)).toBe('/account/')
  })
})
