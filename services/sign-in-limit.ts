import 'server-only'
import { clearSignInFailures, recordSignInFailure, type SignInKey } from '@/db/mutations/sign-in-failures'
import { signInLockedUntil } from '@/db/queries/sign-in-failures'
import { log } from '@/lib/log'
import { clientIpHeader } from '@/lib/request-guard'
import { tryWrite } from '@/lib/write-failure'

// A real argon2id hash with the same cost parameters as stored ones (checked by a unit test), so
// an unknown e-mail costs the same time as a wrong password.
export const timingDummyHash =
  '$argon2id$v=19$m=19456,t=2,p=1$DxVt1fRbF/OOnM4xtqIADA$krLmH3faiiEMn/H3W5cXVkNl3/W0k6UT3D6R79DB9cg'

export function signInKeys(email: string, headers: Headers): SignInKey[] {
  const ip = headers.get(clientIpHeader) ?? 'unknown'
  return [
    { key: `account:${email.trim().toLowerCase()}`, kind: 'account' },
    { key: `ip:${ip}`, kind: 'ip' },
  ]
}

/** Seconds until the account or the address may try again, or 0. */
export async function signInRetryAfter(keys: SignInKey[], now = new Date()) {
  const until = await signInLockedUntil(
    keys.map((k) => k.key),
    now,
  )
  return until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : 0
}

/**
 * Counts a failed sign-in. While the database cannot be written (full disk, read-only file) the
 * failure is logged but not counted, so sign-in keeps answering instead of failing with a 500;
 * locks already in force are still read and applied.
 */
export async function signInFailed(keys: SignInKey[]) {
  const counted = await tryWrite('sign-in failures', () => recordSignInFailure(keys))
  const lockedUntil = counted.ok ? counted.value : undefined
  log('warn', 'sign-in failed', {
    keys: keys.map((k) => k.key),
    lockedUntil: lockedUntil?.toISOString(),
    ...(counted.ok ? {} : { counted: false }),
  })
}

/** Clears the account's failures; a database that cannot be written leaves them, and the sign-in stands. */
export async function signInSucceeded(keys: SignInKey[]) {
  await tryWrite(
    'sign-in failures',
    () => clearSignInFailures(keys.find((k) => k.kind === 'account')!.key),
    () => false,
  )
}

export function lockedMessage(seconds: number) {
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
  return `Too many failed sign-ins. Try again in ${wait}.`
}
