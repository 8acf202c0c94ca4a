import { databasePath } from '@/db/client'
import { closeDatabase } from '@/db/lifecycle'
import { findQueryRedirect, findRedirect } from '@/db/queries/redirects'
import { listen } from './http'
import { createReaderHandler } from './reader-handler'
import { startTimers } from './timers'

/**
 * Starts the site on a migrated, seeded database with a production build: Next behind the front
 * server, the background timers, the HTTP server. Next is loaded only here, after the build exists.
 */
export async function serve(env: { PORT: number; TRUST_PROXY: boolean; SITE_URL?: string }) {
  const { default: next } = await import('next')
  // Next fetches its own pages (a server action's redirect target) at this address.
  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: env.PORT })
  const handle = app.getRequestHandler()
  await app.prepare()

  const front = createReaderHandler(handle, findRedirect, findQueryRedirect, {
    trustProxy: env.TRUST_PROXY,
    siteUrl: env.SITE_URL,
  })
  startTimers(front)
  listen(front, {
    port: env.PORT,
    databasePath,
    close: async () => {
      await front.flushViews()
      closeDatabase()
    },
  })
}
