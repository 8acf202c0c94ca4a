import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
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

  const { default: next } = await import('next')
  // Next fetches its own pages (a server action's redirect target) at this address.
  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: env.PORT })
  const handle = app.getRequestHandler()
  await app.prepare()

  // Scheduled articles go live at their minute; any missed while the server was down, at once.
  const { publishDueArticles } = await import('@/db/mutations/articles')
  const publishDue = () => {
    const due = publishDueArticles(db)
    if (due.length) console.log(`Published ${due.length} scheduled article(s): ${due.map((d) => d.slug).join(', ')}`)
  }
  publishDue()
  setInterval(publishDue, 10_000).unref()

  const server = createServer((req, res) => {
    void serveWithRendered404(handle, req, res)
  })
  server.listen(env.PORT, () => {
    console.log(`Gazette is serving ${databasePath} at http://localhost:${env.PORT}`)
  })

  // Finish requests in flight, then close the database so the WAL is checkpointed cleanly.
  function shutdown(signal: string) {
    console.log(`${signal} received; closing.`)
    server.close(() => {
      sqlite.close()
      process.exit(0)
    })
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

void main()

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/**
 * Next renders a notFound() thrown by a dynamic page as an empty shell that only JavaScript fills
 * in (vercel/next.js#62228). Reader pages must work without JavaScript, so such a 404 response is
 * discarded before any byte is sent, and the global not-found page is rendered in its place.
 * The back office needs JavaScript anyway and keeps its own not-found pages.
 */
async function serveWithRendered404(handle: Handler, req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/'
  const isPage =
    (req.method === 'GET' || req.method === 'HEAD') && !req.headers.rsc && !/^\/(_next|uploads|admin|api)\//.test(url)
  if (!isPage) return handle(req, res)
  const { findRedirect } = await import('@/db/queries/redirects')
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders }
  let swallowed = false
  const intercept = () => swallowed || (swallowed = res.statusCode === 404)
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (args[0] === 404) swallowed = true
    return intercept() ? this : original.writeHead.apply(this, args)
  } as ServerResponse['writeHead']
  res.flushHeaders = function (this: ServerResponse) {
    if (!intercept()) original.flushHeaders.call(this)
  }
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!intercept()) return (original.write as (...a: unknown[]) => boolean).apply(this, args)
    ;(args.find((a) => typeof a === 'function') as (() => void) | undefined)?.()
    return true
  } as ServerResponse['write']
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!intercept()) return (original.end as (...a: unknown[]) => ServerResponse).apply(this, args)
    Object.assign(res, original)
    for (const name of res.getHeaderNames()) res.removeHeader(name)
    const moved = findRedirect(url.split('?')[0]!)
    if (moved) {
      res.writeHead(moved.statusCode, { Location: moved.toPath }).end()
      return this
    }
    // Next keeps what it matched on the request object; the second pass must start clean.
    delete (req as unknown as Record<symbol, unknown>)[Symbol.for('NextInternalRequestMeta')]
    // A path deeper than any route: Next answers it with the global not-found page, fully rendered.
    req.url = '/_/not/found/by/any/route/'
    void handle(req, res)
    return this
  } as ServerResponse['end']
  await handle(req, res)
}
