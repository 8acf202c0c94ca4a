import { describe, expect, it } from 'vitest'
import { db } from '../client'
import { migrateDatabase } from '../migrate'
import { findLease } from '../queries/leases'
import { acquireLease, releaseLease } from './leases'

await migrateDatabase(db)
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))

describe('leases', () => {
  it('go to one owner at a time, are renewed by it, and are taken over once expired or released', async () => {
    expect(await acquireLease('work', 'a', at(10), at(0))).toBe(true)
    expect(await acquireLease('work', 'b', at(11), at(1))).toBe(false)
    expect(await acquireLease('work', 'a', at(15), at(5))).toBe(true)
    expect((await findLease('work'))?.owner).toBe('a')
    // Still a's at 14 s; b takes it at 15 s, when a's renewal has run out.
    expect(await acquireLease('work', 'b', at(24), at(14))).toBe(false)
    expect(await acquireLease('work', 'b', at(25), at(15))).toBe(true)
    expect(await acquireLease('work', 'a', at(26), at(16))).toBe(false)
    expect(await findLease('work')).toMatchObject({ owner: 'b', expiresAt: at(25) })
    // Released only by its holder.
    await releaseLease('work', 'a')
    expect((await findLease('work'))?.owner).toBe('b')
    await releaseLease('work', 'b')
    expect(await acquireLease('work', 'a', at(27), at(17))).toBe(true)
  })

  it('are granted to one of several owners asking at once', async () => {
    const granted = await Promise.all(['x', 'y', 'z'].map((owner) => acquireLease('race', owner, at(10), at(0))))
    expect(granted.filter(Boolean)).toHaveLength(1)
  })
})
