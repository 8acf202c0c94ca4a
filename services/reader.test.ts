import { describe, expect, it } from 'vitest'
import { safeNext, savedReturnPath } from './reader'

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

describe('savedReturnPath', () => {
  it('returns to the card that was used, naming it once', () => {
    expect(savedReturnPath('/', 'saved', 'article-12')).toBe('/?saved=article-12#article-12')
    expect(savedReturnPath('/category/world/page/2/?saved=article-1', 'removed', 'article-7-2')).toBe(
      '/category/world/page/2/?removed=article-7-2#article-7-2',
    )
    expect(savedReturnPath('/search/?q=rain&removed=article-3#x', 'saved', 'article-4')).toBe(
      '/search/?q=rain&saved=article-4#article-4',
    )
  })

  it('ignores an anchor that is not a card', () => {
    for (const anchor of [undefined, '', 'main', 'article-0', 'article-1"><script>', 'article-1-2-3'])
      expect(savedReturnPath('/tag/rain/', 'saved', anchor)).toBe('/tag/rain/')
  })
})
