import { hash } from '@node-rs/argon2'
import { beforeAll, describe, expect, it } from 'vitest'
import { signInKeys, signInRetryAfter, timingDummyHash } from '@/services/sign-in-limit'
import { db } from '../client'
import { migrateDatabase } from '../migrate'
import { signInFailures } from '../schema'
import {
  clearSignInFailures,
  lockDurationMs,
  pruneSignInFailures,
  recordSignInFailure,
  signInLimits,
} from './sign-in-failures'

beforeAll(async () => migrateDatabase(db))

const headers = (ip: string) => new Headers({ 'x-gazette-client-ip': ip })

describe('sign-in failures', () => {
  it('locks an account after a handful of failures, for longer each time', async () => {
    const keys = signInKeys('Editor@Example.com ', headers('10.0.0.1'))
    const start = new Date('2026-01-01T00:00:00Z')
    const locks: number[] = []
    for (let i = 1; i <= 8; i++) {
      const now = new Date(start.getTime() + i * 1000)
      const until = await recordSignInFailure(keys, now)
      locks.push(until ? until.getTime() - now.getTime() : 0)
    }
    expect(locks).toEqual([0, 0, 0, 0, 30_000, 60_000, 120_000, 240_000])
    expect(await signInRetryAfter(keys, new Date(start.getTime() + 8000))).toBe(240)
    // The same account typed differently shares the count.
    expect(
      await signInRetryAfter(signInKeys('editor@example.com', headers('10.9.9.9')), new Date(start.getTime() + 8000)),
    ).toBe(240)
    expect(await signInRetryAfter(keys, new Date(start.getTime() + 8000 + 240_000))).toBe(0)
    await clearSignInFailures(keys[0]!.key)
  })

  it('locks an address that tries many accounts, whatever the accounts', async () => {
    const now = new Date('2026-02-01T00:00:00Z')
    for (let i = 0; i < signInLimits.freeFailures.ip; i++)
      await recordSignInFailure(signInKeys(`nobody-${i}@example.com`, headers('10.0.0.2')), now)
    expect(await signInRetryAfter(signInKeys('fresh@example.com', headers('10.0.0.2')), now)).toBe(30)
    expect(await signInRetryAfter(signInKeys('fresh@example.com', headers('10.0.0.3')), now)).toBe(0)
  })

  it('caps the lock at an hour and forgets failures after a quiet day', async () => {
    expect(lockDurationMs(100, 'account')).toBe(signInLimits.maxLockMs)
    const keys = signInKeys('quiet@example.com', headers('10.0.0.4'))
    const then = new Date('2026-03-01T00:00:00Z')
    for (let i = 0; i < 5; i++) await recordSignInFailure(keys, then)
    const dayLater = new Date(then.getTime() + signInLimits.forgetAfterMs + 1)
    expect(await recordSignInFailure(keys, dayLater)).toBeUndefined()
    await pruneSignInFailures(new Date(dayLater.getTime() + signInLimits.forgetAfterMs + 1))
    expect(await db.select().from(signInFailures)).toEqual([])
  })

  it('checks unknown e-mails against a hash as costly as a real one', async () => {
    const real = await hash('any password at all')
    const params = (h: string) => h.split('$').slice(1, 4).join('$')
    expect(params(timingDummyHash)).toBe(params(real))
  })
})
