import { describe, expect, it } from 'vitest'
import { publicationTransition } from './publication-time'

const now = new Date('2026-12-03T09:00:30.500Z')
const yesterday = new Date('2026-12-02T09:00:00Z')
const tomorrow = new Date('2026-12-04T09:00:00Z')

describe('publicationTransition', () => {
  it('publishes a past time at once with that date, as a story that ran in print', () => {
    expect(publicationTransition('publish', undefined, yesterday, now)).toEqual({
      status: 'published',
      publishedAt: yesterday,
    })
    expect(publicationTransition('schedule', undefined, yesterday, now)).toEqual({
      status: 'published',
      publishedAt: yesterday,
    })
  })

  it('schedules a future time and publishes now when no time is given', () => {
    expect(publicationTransition('publish', undefined, tomorrow, now)).toEqual({
      status: 'scheduled',
      publishedAt: tomorrow,
    })
    expect(publicationTransition('publish', undefined, null, now)).toEqual({ status: 'published', publishedAt: now })
    expect(publicationTransition('schedule', undefined, null, now)).toHaveProperty('error')
  })

  it('moves a published article to a new date on update, and keeps the stored instant when the minute is unchanged', () => {
    const stored = { status: 'published' as const, publishedAt: new Date('2026-11-20T05:30:42.123Z') }
    expect(publicationTransition('save', stored, yesterday, now)).toEqual({
      status: 'published',
      publishedAt: yesterday,
    })
    expect(publicationTransition('save', stored, new Date('2026-11-20T05:30:00Z'), now)).toEqual(stored)
    expect(publicationTransition('save', stored, null, now)).toEqual(stored)
  })

  it('publishes a scheduled article now when its time is left as it was', () => {
    const scheduled = { status: 'scheduled' as const, publishedAt: tomorrow }
    expect(publicationTransition('publish', scheduled, tomorrow, now)).toEqual({
      status: 'published',
      publishedAt: now,
    })
    expect(publicationTransition('publish', scheduled, yesterday, now)).toEqual({
      status: 'published',
      publishedAt: yesterday,
    })
  })

  it('never publishes a draft on a plain save', () => {
    expect(publicationTransition('save', { status: 'draft', publishedAt: null }, yesterday, now)).toEqual({
      status: 'draft',
      publishedAt: null,
    })
  })
})
