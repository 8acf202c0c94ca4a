import fs from 'node:fs'
import path from 'node:path'
import { describeDatabase } from '@/db/client'
import { closeDatabase } from '@/db/lifecycle'
import { closeMediaStore, describeMediaStore } from '@/db/media-store'
import { findQueryRedirect, findRedirect } from '@/db/queries/redirects'
import { env as config } from '@/lib/env'
import { pageCacheBytes } from '@/lib/page-cache'
import { sharedCachePolicy } from '@/lib/shared-cache'
import { followGroup, leaveGroup } from './group'
import { listen } from './http'
import { mapTracesOnDemand } from './next-internals'
import { PurgeSender, varnishTarget } from './purge-sender'
import { createReaderHandler } from './reader-handler'
import { startTimers } from './timers'

/**
 * Starts the site on a migrated, seeded database with a production build: Next behind the front
 * server, the background timers, the HTTP server. Next is loaded only here, after the build exists.
 * Runs alone, or as one worker of a group (server/group.ts) sharing the port with the others.
 */
export async function serve(env: {
  PORT: number
  TRUST_PROXY: boolean
  SITE_URL?: string
  WEB_CONCURRENCY: number
  RENDER_CONCURRENCY: number
}) {
  // The configuration as the build resolved it, handed over the way Next's own standalone server
  // (output: 'standalone') does: read from next.config.ts instead, it would be transpiled with
  // SWC, whose native module then stays loaded, 24 MB of every process and two threads, for
  // nothing a server does. The `conf` option of next() does not reach Next's router, which loads
  // the file again. Read by each worker as it starts, so one started by a reload gets the new build's.
  // eslint-disable-next-line no-restricted-syntax -- written for Next to read, no configuration of ours
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(
    (
      JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'required-server-files.json'), 'utf8')) as {
        config: unknown
      }
    ).config,
  )
  mapTracesOnDemand([path.join(process.cwd(), '.next'), path.join(process.cwd(), 'dist')])
  const { default: next } = await import('next')
  // Next fetches its own pages (a server action's redirect target) at this address.
  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: env.PORT })
  const handle = app.getRequestHandler()
  await app.prepare()

  const sharedCache = sharedCachePolicy(config)
  const front = createReaderHandler(handle, findRedirect, findQueryRedirect, {
    trustProxy: env.TRUST_PROXY,
    siteUrl: env.SITE_URL,
    // Each worker caches the pages it serves: together they keep to one site's budget.
    cacheBytes: Math.floor(pageCacheBytes / env.WEB_CONCURRENCY),
    sharedCache,
    renderConcurrency: env.RENDER_CONCURRENCY,
  })
  const sender =
    sharedCache.purgeUrls.length > 0
      ? new PurgeSender(sharedCache.purgeUrls.map((url) => varnishTarget(url)))
      : undefined
  if (sender) front.purges.onPurges = () => void sender.kick()
  followGroup()
  const lease = startTimers(front, sender)
  listen(front, {
    port: env.PORT,
    database: describeDatabase(),
    media: describeMediaStore(),
    close: async () => {
      await leaveGroup()
      await front.flushViews()
      // A send under way finishes; what is left due, another server sends.
      await sender?.stop()
      // Another server takes the background work over at once, not when the lease runs out.
      await lease.release()
      await closeDatabase()
      closeMediaStore()
    },
  })
}
