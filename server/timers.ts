import { databasePath } from '@/db/client'
import { mediaStore } from '@/db/media-store'
import { publishDueArticles } from '@/db/mutations/articles'
import { pruneRateLimits } from '@/db/mutations/rate-limits'
import { pruneSignInFailures } from '@/db/mutations/sign-in-failures'
import { readSiteSettings } from '@/db/queries/site-settings'
import { leaseRenewMs } from '@/lib/lease'
import { log } from '@/lib/log'
import { reportWriteFailure, tryWrite, writeFailureOf } from '@/lib/write-failure'
import { backupDir, backupIfDue } from '@/services/backup'
import { runDigests } from '@/services/digest'
import { Lease } from './lease'
import type { PurgeSender } from './purge-sender'
import type { PurgePoller } from './purges'
import type { ViewCounts } from './views'

const every = (ms: number, run: () => unknown) => setInterval(run, ms).unref()

/**
 * The server's background work. Each server flushes the read counts it holds; the rest must run
 * once however many processes and hosts serve the site, so it runs only where the background
 * lease is held, and starts at once in the server that takes it over. Background writers meet a
 * full disk or a read-only database like any other: they report it (one log line per change of
 * state), keep the server up, and try again on their next tick. Returns the lease, for shutdown
 * to release.
 */
export function startTimers(front: { views: ViewCounts; purges: PurgePoller }, sender?: PurgeSender) {
  every(10_000, () => void front.views.tick())

  const lease = new Lease('background', () => {
    void publishDue()
    void sendDigests()
    void backupDue()
  })
  const renew = () =>
    void lease.renew().catch((error: unknown) => log('error', 'renewing the lease failed', { error: String(error) }))
  renew()
  every(leaseRenewMs, renew)
  const once = (ms: number, run: () => unknown) => every(ms, () => lease.held && run())

  // Unsent purges wait for a shared cache that is away as long as it may serve stale pages
  // (stale-if-error): later, it holds nothing they would drop.
  once(10 * 60 * 1000, () => void front.purges.prune(sender ? 24 * 60 * 60_000 : 0))
  // Readers' requests send purges as their server notices them; this sends the ones written while
  // none arrives (scheduled publishing, a quiet night with every page in the shared cache), and
  // those a server that stopped had claimed.
  if (sender) once(1000, () => void sender.tick())
  once(
    60 * 60_000,
    () =>
      void tryWrite(
        'sign-in failure pruning',
        () => pruneSignInFailures(),
        () => false,
      ),
  )
  // Rate-limit windows are at most a day long: rows two days old count for nothing.
  once(
    60 * 60_000,
    () =>
      void tryWrite(
        'rate limit pruning',
        () => pruneRateLimits(Date.now() - 2 * 24 * 60 * 60_000),
        () => false,
      ),
  )

  // Scheduled articles go live at their minute; any missed while no server ran, at once.
  const publishDue = async () => {
    const due = await tryWrite(
      'scheduled publishing',
      () => publishDueArticles(),
      (published) => published.length > 0,
    )
    if (due.ok && due.value.length) log('info', 'published scheduled articles', { slugs: due.value.map((d) => d.slug) })
  }
  once(10_000, () => void publishDue())

  // E-mail digests due at each reader's hour; the send log keeps overlapping or resumed runs from
  // sending one twice, so a cron job running `npm run digest -- --now` as well does no harm.
  let digesting = false
  const sendDigests = async () => {
    if (digesting) return
    digesting = true
    try {
      const r = await runDigests({ log: (message: string) => log('warn', message) })
      if (r.sent + r.failed + r.bounced > 0)
        log('info', 'digests sent', { sent: r.sent, failed: r.failed, refused: r.bounced })
    } catch (error) {
      const reason = writeFailureOf(error)
      if (reason) reportWriteFailure(reason, 'digests')
      else log('error', 'digest run failed', { error: String(error) })
    } finally {
      digesting = false
    }
  }
  once(60_000, () => void sendDigests())

  // Scheduled online backups, as often as /admin settings ask; a backup still running (a large
  // database, a slow disk) is never joined by a second one.
  let backingUp = false
  // A backup that keeps failing the same way (a full backup disk) is logged once, not every run.
  let backupFailure: string | undefined
  const backupDue = async () => {
    if (backingUp) return
    backingUp = true
    try {
      const { backupEveryHours, backupKeep } = await readSiteSettings()
      const r = await backupIfDue({
        everyHours: backupEveryHours,
        keep: backupKeep,
        dir: backupDir(databasePath),
        uploads: mediaStore(),
      })
      if (r) log('info', 'backed up the database', { file: r.file, bytes: r.bytes, ms: r.ms })
      if (r) backupFailure = undefined
    } catch (error) {
      const failure = writeFailureOf(error) ?? String(error)
      if (failure !== backupFailure) log('error', 'scheduled backup failed', { error: String(error) })
      backupFailure = failure
    } finally {
      backingUp = false
    }
  }
  once(5 * 60_000, () => void backupDue())
  return lease
}
