import { describe, expect, it } from 'vitest'
import { sanitizeBody } from './html'
import { fragmentsHeaderValue, heldFragments, includeMarkup, putFragments, takeFragments } from './shared-fragments'

const header = '<header><a href="/">Gazette</a></header>'
const sidebar = '<aside aria-label="Sidebar"><h2>Recent Posts</h2></aside>'
const full = `<body>${header}<main><p>Story</p></main>${sidebar}</body>`

describe('shared fragments', () => {
  it('are taken out of a marked render, which becomes the page rendered in full', () => {
    const marked =
      `<body><gazette-fragment data-name="header">${header}</gazette-fragment><main><p>Story</p></main>` +
      `<gazette-fragment data-name="sidebar">${sidebar}</gazette-fragment></body>`
    const { html, fragments } = takeFragments(marked)
    expect(html).toBe(full)
    expect(Object.fromEntries(fragments)).toEqual({ header, sidebar })
  })

  it('go back in where a later render left an include, giving the same bytes', () => {
    const withIncludes = `<body>${includeMarkup('header')}<main><p>Story</p></main>${includeMarkup('sidebar')}</body>`
    const held = new Map([
      ['header', header],
      ['sidebar', sidebar],
    ] as const)
    expect(putFragments(withIncludes, held)).toBe(full)
  })

  it('leave a page without marks or includes as it is', () => {
    expect(takeFragments(full)).toEqual({ html: full, fragments: new Map() })
    expect(putFragments(full, new Map())).toBe(full)
  })

  it('refuse an include that is not held rather than leave a hole in the page', () => {
    expect(() => putFragments(`<body>${includeMarkup('footer')}</body>`, new Map())).toThrow(/footer/)
    expect(() => putFragments('<gazette-include data-name="nav"></gazette-include>', new Map())).toThrow(/nav/)
  })

  it('keep an unknown marked name in the page without holding it', () => {
    const { html, fragments } = takeFragments('<gazette-fragment data-name="menu"><nav></nav></gazette-fragment>')
    expect(html).toBe('<nav></nav>')
    expect(fragments.size).toBe(0)
  })

  it('travel in a header that is never empty and names only known fragments', () => {
    expect(fragmentsHeaderValue([])).toBe('-')
    expect(heldFragments(fragmentsHeaderValue([]))).toEqual(new Set())
    expect(heldFragments(fragmentsHeaderValue(['header', 'sidebar']))).toEqual(new Set(['header', 'sidebar']))
    expect(heldFragments('-,header,menu')).toEqual(new Set(['header']))
    expect(heldFragments(null)).toBeUndefined()
  })

  it('cannot be forged by an article body', () => {
    const body = sanitizeBody(
      `<p>a</p><gazette-include data-name="header"></gazette-include><gazette-fragment data-name="footer">x</gazette-fragment>`,
    )
    expect(body).not.toContain('gazette-')
  })
})
