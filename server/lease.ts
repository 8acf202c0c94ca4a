import { acquireLease, releaseLease } from '@/db/mutations/leases'
import { instance } from '@/lib/instance'
import { leaseTtlMs } from '@/lib/lease'
import { log } from '@/lib/log'
import { currentWriteFailure, tryWrite } from '@/lib/write-failure'

// The holder stops acting this long before the lease it was granted runs out, so that it never
// works past it on a clock a little ahead of another host's.
const safetyMs = 1_000

/**
 * A lease stored in the database, for work that must run once however many processes and hosts
 * serve the site. Every server asks for it on a timer; the one granted it renews it, and the rest
 * take it over once it has expired (a holder killed without a word) or been released (a holder
 * shutting down).
 */
export class Lease {
  private until = 0
  private askedAt = 0

  constructor(
    readonly name: string,
    private onGained: () => void,
    readonly owner = instance.owner,
  ) {}

  get held() {
    return Date.now() < this.until
  }

  /**
   * Asks for the lease, or renews it. While writes fail it asks once a minute instead: a write lock
   * held by another process costs each attempt the busy timeout, during which this process waits,
   * and a lease that cannot be renewed runs out on its own.
   */
  async renew() {
    const asked = Date.now()
    if (currentWriteFailure() && asked - this.askedAt < 60_000) return
    this.askedAt = asked
    const granted = await tryWrite(
      `the ${this.name} lease`,
      () => acquireLease(this.name, this.owner, new Date(asked + leaseTtlMs), new Date(asked)),
      () => false,
    )
    // A failed write changes nothing: what was granted before runs out on its own.
    if (!granted.ok) return
    const had = this.held
    this.until = granted.value ? asked + leaseTtlMs - safetyMs : 0
    if (had === this.held) return
    log('info', this.held ? 'took the lease' : 'lost the lease', { lease: this.name, owner: this.owner })
    if (this.held) this.onGained()
  }

  async release() {
    if (!this.held) return
    this.until = 0
    await tryWrite(`the ${this.name} lease`, () => releaseLease(this.name, this.owner))
  }
}
