import { createHmac, timingSafeEqual } from 'node:crypto'
import { env } from './env'

// AUTH_SECRET is always set at run time (scripts/prepare.ts generates one when it is not configured).
const secret = () => env.AUTH_SECRET ?? ''

const sign = (scope: string, at: number) =>
  createHmac('sha256', secret()).update(`form-time:${scope}:${at}`).digest('base64url').slice(0, 32)

/** A tamper-proof stamp of when a form was rendered, for the minimum fill time of comments. */
export function stampForm(scope: string, at = Date.now()) {
  return `${at}.${sign(scope, at)}`
}

/** Milliseconds since the stamp was made, or undefined when it is missing, forged or from the future. */
export function formAge(scope: string, stamp: unknown, now = Date.now()) {
  if (typeof stamp !== 'string') return undefined
  const match = /^(\d{13})\.([\w-]{32})$/.exec(stamp)
  if (!match) return undefined
  const at = Number(match[1])
  const expected = Buffer.from(sign(scope, at))
  const given = Buffer.from(match[2]!)
  if (!timingSafeEqual(expected, given) || at > now + 5000) return undefined
  return now - at
}
