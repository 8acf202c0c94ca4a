import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import net, { type Socket } from 'node:net'
import path from 'node:path'
import { prepareEnvironment } from './prepare'

async function main() {
  const env = prepareEnvironment()
  Object.assign(process.env, { NODE_ENV: 'production' })

  const { databasePath, db, sqlite } = await import('@/db/client')
  const { migrateDatabase } = await import('@/db/migrate')
  const { isSeeded, seedDatabase } = await import('@/db/seed')

  migrateDatabase(db)
  if (!isSeeded(db)) {
    console.log(`Seeding demo content into ${databasePath}…`)
    const result = await seedDatabase(db, {
      adminEmail: env.ADMIN_EMAIL,
      adminPassword: env.ADMIN_PASSWORD,
      log: console.log,
    })
    console.log(`Admin account: ${result.adminEmail}`)
    // Shown this once only; it is stored nowhere but as a hash.
    if (result.generatedPassword) console.log(`Admin password (generated, shown once): ${result.adminPassword}`)
  }

  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
    if (process.argv.includes('--no-build')) {
      console.error('No production build found: run `npm run build` first.')
      process.exit(1)
    }
    console.log('No production build found; building…')
    const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
      stdio: 'inherit',
      env: process.env,
    })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }

  const { log } = await import('@/lib/log')
  const { reportWriteFailure, tryWrite, tryWriteAsync, writeFailureOf } = await import('@/lib/write-failure')
  const { default: next } = await import('next')
  // Next fetches its own pages (a server action's redirect target) at this address.
  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: env.PORT })
  const handle = app.getRequestHandler()
  await app.prepare()

  // Scheduled articles go live at their minute; any missed while the server was down, at once.
  const { publishDueArticles } = await import('@/db/mutations/articles')
  // Background writers meet a full disk or a read-only database like any other: they report it
  // (one log line per change of state), keep the server up, and try again on their next tick.
  const publishDue = async () => {
    const due = await tryWriteAsync(
      'scheduled publishing',
      () => publishDueArticles(),
      (published) => published.length > 0,
    )
    if (due.ok && due.value.length) log('info', 'published scheduled articles', { slugs: due.value.map((d) => d.slug) })
  }
  await publishDue()
  setInterval(() => void publishDue(), 10_000).unref()
  const { pruneSignInFailures } = await import('@/db/mutations/sign-in-failures')
  setInterval(
    () =>
      tryWrite(
        'sign-in failure pruning',
        () => pruneSignInFailures(db),
        () => false,
      ),
    60 * 60_000,
  ).unref()

  // E-mail digests due at each reader's hour; the send log keeps overlapping or resumed runs from
  // sending one twice, so a cron job running `npm run digest -- --now` as well does no harm.
  const { runDigests } = await import('@/services/digest')
  let digesting = false
  const sendDigests = async () => {
    if (digesting) return
    digesting = true
    try {
      const r = await runDigests(db, { log: (message: string) => log('warn', message) })
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
  void sendDigests()
  setInterval(() => void sendDigests(), 60_000).unref()

  const { findQueryRedirect, findRedirect } = await import('@/db/queries/redirects')
  // Scheduled online backups, as often as /admin settings ask; a backup still running (a large
  // database, a slow disk) is never joined by a second one.
  const { backupIfDue, backupDir, uploadsDirFor } = await import('@/services/backup')
  const { readSiteSettings } = await import('@/db/mutations/settings')
  let backingUp = false
  // A backup that keeps failing the same way (a full backup disk) is logged once, not every run.
  let backupFailure: string | undefined
  const backupDue = async () => {
    if (backingUp) return
    backingUp = true
    try {
      const { backupEveryHours, backupKeep } = readSiteSettings(db)
      const r = await backupIfDue(sqlite, {
        everyHours: backupEveryHours,
        keep: backupKeep,
        dir: backupDir(databasePath),
        uploads: uploadsDirFor(databasePath),
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
  void backupDue()
  setInterval(() => void backupDue(), 5 * 60_000).unref()

  const { createReaderHandler } = await import('@/lib/reader-server')
  const serve = createReaderHandler(handle, sqlite, findRedirect, findQueryRedirect, {
    trustProxy: env.TRUST_PROXY,
    siteUrl: env.SITE_URL,
  })
  // Connections are tracked so a shutdown answers every request it has been sent: accepted ones
  // that have not sent a request yet (or whose request is still unread), and kept-alive ones
  // between requests.
  let closing = false
  let graceOver = false
  const drained = { answered: 0, silentClosed: 0 }
  const dropSilent = () => {
    if (!graceOver || answering.size > 0) return
    drained.silentClosed += unused.size
    for (const socket of unused) socket.destroy()
  }
  const unused = new Set<Socket>()
  const idle = new Set<Socket>()
  const answering = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const socket = req.socket
    unused.delete(socket)
    idle.delete(socket)
    answering.add(res)
    // While shutting down, answer and hang up.
    if (closing) res.shouldKeepAlive = false
    res.once('close', () => {
      answering.delete(res)
      if (closing) drained.answered++
      if (closing) dropSilent()
      if (!res.writableFinished) return
      if (closing) socket.end()
      else idle.add(socket)
    })
    void serve(req, res)
  })
  server.on('connection', (socket: Socket) => {
    unused.add(socket)
    socket.once('close', () => {
      unused.delete(socket)
      idle.delete(socket)
    })
  })
  server.listen(env.PORT, () => {
    log('info', 'serving', { database: databasePath, url: `http://localhost:${env.PORT}` })
  })

  // Finish requests in flight, then close the database so the WAL is checkpointed cleanly. Run
  // this process directly (`node --import tsx`, as the npm scripts do): the `tsx` command runs it as
  // a child and SIGKILLs that child when it does not acknowledge a signal within 30 ms, which a
  // server busy rendering often cannot, and the requests in flight are cut off.
  function shutdown(signal: string) {
    // A second signal (a double Ctrl-C, a process manager repeating itself) must not close the
    // database under the requests still being answered: server.close() calls back at once when
    // the server is already closed.
    if (closing) return
    closing = true
    log('info', 'closing', { signal })
    const inFlightAtSignal = answering.size
    const finish = (code: number) => {
      log('info', 'closed', { inFlightAtSignal, ...drained })
      try {
        serve.flushViews()
        sqlite.close()
      } catch (error) {
        log('error', 'closing the database failed', { error: String(error) })
        code = 1
      }
      process.exit(code)
    }
    // Answers not yet started say `Connection: close`, so clients send nothing more on them.
    for (const res of answering) if (!res.headersSent) res.shouldKeepAlive = false
    // One turn of the event loop first, so connections this turn is about to accept are served.
    // (Ones still in the kernel's accept queue when the listening socket closes reached no one and
    // are reset; a busy event loop can leave some there. docs/security.md says more.)
    setImmediate(() => {
      // Stops accepting connections; calls back once every connection has ended. (http.Server's
      // own close() also destroys every connection without a request under way, which includes
      // ones whose request has arrived but not yet been read on a busy server: those readers would
      // get a reset instead of their page.)
      net.Server.prototype.close.call(server, () => finish(0))
      // Kept-alive connections between requests.
      for (const socket of idle) socket.end()
    })
    // A connection opened but silent (a browser's preconnect) would hold the shutdown up until
    // the headers timeout. It is closed once nothing else is being answered, and no sooner than a
    // second after the signal: a request still arriving, or unread on a busy server, is served.
    setTimeout(() => {
      graceOver = true
      dropSilent()
    }, 1000).unref()
    // A request that never ends (a client sending its body forever) does not keep the server up.
    setTimeout(() => {
      log('warn', 'requests still running after 10 s; closing their connections', {})
      server.closeAllConnections()
      finish(1)
    }, 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

void main()
