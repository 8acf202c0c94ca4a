import { TZDate } from '@date-fns/tz'

export type DateParts = { year: number; month: number; day: number }

// Building an Intl.DateTimeFormat costs far more than formatting with one, and a listing formats a
// date (and derives a dated URL) for every card, so formatters are kept per locale, zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, f)
  }
  return f
}

/** The calendar date of an instant in the given IANA timezone. */
export function datePartsIn(instant: Date, timeZone: string): DateParts {
  const parts = formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    instant,
  )
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get('year'), month: get('month'), day: get('day') }
}

/**
 * The UTC instants [start, end) covering a year, a month or a day of the site's calendar.
 * DST-safe: each boundary is the local midnight of that date, wherever the offset stands then.
 */
export function localRange(timeZone: string, year: number, month?: number, day?: number) {
  const start = new TZDate(year, (month ?? 1) - 1, day ?? 1, timeZone)
  const end =
    day !== undefined
      ? new TZDate(year, (month ?? 1) - 1, day + 1, timeZone)
      : month !== undefined
        ? new TZDate(year, month, 1, timeZone)
        : new TZDate(year + 1, 0, 1, timeZone)
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) }
}

/** Local midnights of the first day of every month from `from` to `to`, newest first. */
export function monthStartsBetween(from: Date, to: Date, timeZone: string) {
  const first = datePartsIn(from, timeZone)
  const last = datePartsIn(to, timeZone)
  const months: { year: number; month: number; start: Date; end: Date }[] = []
  for (let y = last.year, m = last.month; y > first.year || (y === first.year && m >= first.month);) {
    months.push({ year: y, month: m, ...localRange(timeZone, y, m) })
    m -= 1
    if (m === 0) {
      m = 12
      y -= 1
    }
  }
  return months
}

export function isValidTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

export function formatDate(instant: Date, timeZone: string, locale: string) {
  return formatter(locale, { timeZone, dateStyle: 'long' }).format(instant)
}

export function formatTime(instant: Date, timeZone: string, locale: string) {
  return formatter(locale, { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(instant)
}

export function formatMonth(year: number, month: number, locale: string) {
  return formatter(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(Date.UTC(year, month - 1, 1))
}

export function formatDay(year: number, month: number, day: number, locale: string) {
  return formatter(locale, { timeZone: 'UTC', dateStyle: 'long' }).format(Date.UTC(year, month - 1, day))
}

export const pad2 = (n: number) => String(n).padStart(2, '0')
