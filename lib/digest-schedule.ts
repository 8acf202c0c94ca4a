import { TZDate } from '@date-fns/tz'
import { datePartsIn } from './time'

export const digestFrequencies = ['off', 'daily', 'twice-weekly', 'weekly'] as const
export type DigestFrequency = (typeof digestFrequencies)[number]

export const frequencyLabels: Record<DigestFrequency, string> = {
  off: 'Off',
  daily: 'Daily',
  'twice-weekly': 'Twice a week (Monday and Thursday)',
  weekly: 'Weekly (Monday)',
}

// Days of the week (0 = Sunday) on which each frequency sends.
const sendDays: Record<Exclude<DigestFrequency, 'off'>, number[]> = {
  daily: [0, 1, 2, 3, 4, 5, 6],
  'twice-weekly': [1, 4],
  weekly: [1],
}

/** How far back a first digest looks, in days. */
export const lookbackDays: Record<Exclude<DigestFrequency, 'off'>, number> = { daily: 1, 'twice-weekly': 4, weekly: 7 }

export function isTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export type DigestSlot = {
  /** The reader's local date of this digest (YYYY-MM-DD): with the reader, the send log's key. */
  key: string
  at: Date
}

/**
 * The newest moment at or before `now` when this reader's digest was due: their local hour on one of
 * their sending days, computed in their timezone (DST-safe: the hour is placed on each local date).
 */
export function latestSlot(
  sub: { frequency: DigestFrequency; hour: number; timezone: string },
  now: Date,
): DigestSlot | null {
  if (sub.frequency === 'off') return null
  const today = datePartsIn(now, sub.timezone)
  for (let back = 0; back <= 7; back++) {
    const local = new TZDate(today.year, today.month - 1, today.day - back, sub.hour, 0, 0, sub.timezone)
    if (local.getTime() > now.getTime()) continue
    if (!sendDays[sub.frequency].includes(local.getDay())) continue
    const key = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`
    return { key, at: new Date(local.getTime()) }
  }
  return null
}
