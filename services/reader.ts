import 'server-only'
import { headers } from 'next/headers'
import { clientIpHeader } from '@/lib/request-guard'
import { hitRateLimits, type Limit } from '@/db/mutations/rate-limits'

const minute = 60 * 1000
const hour = 60 * minute

/** Attempts allowed per window for the reader account forms. Comments have their own, in settings. */
export const accountLimits = {
  signup: { perIp: 5, perAccount: 3, windowMs: hour },
  signin: { perIp: 20, perAccount: 10, windowMs: 10 * minute },
  // Password reset and sign-in links: each sends mail, so they are the tightest.
  mail: { perIp: 5, perAccount: 3, windowMs: hour },
} as const

/**
 * The client's address, as lib/request-guard.ts recorded it for this request: the socket's peer,
 * or behind a trusted proxy (TRUST_PROXY) the address that proxy appended to X-Forwarded-For.
 * A copy of the header sent by the client is removed first, so nobody picks their own address.
 */
export async function clientIp() {
  return (await headers()).get(clientIpHeader) ?? 'unknown'
}

/** Counts one attempt of a kind against the IP and the account, and says when to retry if over. */
export async function limitAttempt(
  kind: string,
  ip: string,
  account: string | undefined,
  limits: { perIp: number; perAccount: number; windowMs: number },
) {
  const now = Date.now()
  const list: Limit[] = [{ key: `${kind}:ip:${ip}`, max: limits.perIp, windowMs: limits.windowMs }]
  if (account)
    list.push({ key: `${kind}:account:${account.toLowerCase()}`, max: limits.perAccount, windowMs: limits.windowMs })
  return await hitRateLimits(list, now)
}

export function retryMessage(seconds: number) {
  const minutes = Math.ceil(seconds / 60)
  return `Too many attempts. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
}

/**
 * A path on this site to return to after signing in. Anything else (another host, a protocol-
 * relative //host, backslashes, control characters) falls back, so no link can send a reader away.
 */
export function safeNext(value: unknown, fallback = '/account/') {
  const path = typeof value === 'string' ? value : ''
  if (!/^\/(?![/\\])[^\\\s]*$/.test(path) || path.startsWith('/api/')) return fallback
  try {
    const url = new URL(path, 'http://x.invalid')
    return url.host === 'x.invalid' ? url.pathname + url.search + url.hash : fallback
  } catch {
    return fallback
  }
}

/** The id a Save button's card or article carries: `article-<id>`, `-2`, `-3`… when shown again on a page. */
export const saveAnchorPattern = /^article-[1-9]\d{0,11}(?:-[1-9]\d{0,2})?$/

/**
 * Where a Save or Remove sends the reader back: the page they were on, at the card they used
 * (`#article-…`), with `?saved=` or `?removed=` naming it so that card can confirm.
 */
export function savedReturnPath(back: string, outcome: 'saved' | 'removed', anchor: string | undefined) {
  const url = new URL(back, 'http://x.invalid')
  url.searchParams.delete('saved')
  url.searchParams.delete('removed')
  url.hash = ''
  if (anchor && saveAnchorPattern.test(anchor)) {
    url.searchParams.set(outcome, anchor)
    url.hash = anchor
  }
  return url.pathname + url.search + url.hash
}
