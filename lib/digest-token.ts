import { createHmac, timingSafeEqual } from 'node:crypto'
import { env } from './env'

// HMAC over the reader and their address with AUTH_SECRET: an unsubscribe link needs no sign-in, and
// one reader's link says nothing about anyone else's. A changed address or secret retires old links.
function sign(userId: number, email: string) {
  const secret = env.AUTH_SECRET
  if (!secret) throw new Error('AUTH_SECRET is not set')
  return createHmac('sha256', secret).update(`digest-unsubscribe:${userId}:${email.toLowerCase()}`).digest('base64url')
}

export function unsubscribeToken(userId: number, email: string) {
  return sign(userId, email)
}

export function verifyUnsubscribeToken(userId: number, email: string, token: string) {
  const expected = Buffer.from(sign(userId, email))
  const given = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function unsubscribePath(userId: number, email: string) {
  return `/digest/unsubscribe/?u=${userId}&t=${unsubscribeToken(userId, email)}`
}
