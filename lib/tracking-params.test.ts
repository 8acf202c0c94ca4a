import { describe, expect, it } from 'vitest'
import { withoutTrackingParams } from './tracking-params'

describe('tracking parameters', () => {
  it('are dropped wherever they stand, the rest of the address kept as it was', () => {
    expect(withoutTrackingParams('/?utm_source=newsletter')).toBe('/')
    expect(withoutTrackingParams('/2026/03/budget/?utm_source=x&utm_medium=email&utm_campaign=am')).toBe(
      '/2026/03/budget/',
    )
    expect(withoutTrackingParams('/search/?fbclid=IwAR0&q=city%20hall&gclid=Cj0&page=2')).toBe(
      '/search/?q=city%20hall&page=2',
    )
    expect(withoutTrackingParams('/?UTM_Source=X&mc_cid=1&mc_eid=2&_ga=3&igshid=4')).toBe('/')
    expect(withoutTrackingParams('/?utm_content')).toBe('/')
  })

  it('leaves every other address untouched, the same string', () => {
    for (const url of [
      '/',
      '/category/news/',
      '/search/?q=utm_source',
      '/?p=41',
      '/?xutm_source=1&gclid2=3',
      '/?a=1&&b',
    ])
      expect(withoutTrackingParams(url)).toBe(url)
  })
})
