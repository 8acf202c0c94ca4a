import { describe, expect, it } from 'vitest'
import { foldArchive } from './archive'

describe('foldArchive', () => {
  it('keeps the recent months and folds older ones into yearly totals, newest first', () => {
    const months = [
      { year: 2026, month: 2, count: 5 },
      { year: 2026, month: 1, count: 4 },
      { year: 2025, month: 12, count: 3 },
      { year: 2025, month: 6, count: 2 },
      { year: 2024, month: 3, count: 1 },
    ]
    expect(foldArchive(months, 2)).toEqual({
      months: months.slice(0, 2),
      years: [
        { year: 2025, count: 5 },
        { year: 2024, count: 1 },
      ],
    })
  })

  it('lists every month of a young site', () => {
    const months = [{ year: 2026, month: 2, count: 5 }]
    expect(foldArchive(months)).toEqual({ months, years: [] })
  })
})
