/** How long a granted lease lasts: a dead holder's work is taken over at most this long after. */
export const leaseTtlMs = 10_000
/** How often the holder renews its lease and every other server asks for it. */
export const leaseRenewMs = 2_500
/** The longest a lease held by a process that died without a word stays unclaimed. */
export const leaseTakeoverMs = leaseTtlMs + leaseRenewMs
