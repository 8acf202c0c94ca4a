import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import net, { type Socket } from 'node:net'
import { log } from '@/lib/log'

type Serve = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

/**
 * The HTTP server, and its shutdown on SIGTERM or SIGINT: it finishes the requests in flight, then
 * runs `close` (the last writes, closing the database so the WAL is checkpointed cleanly) and exits.
 * Run this process directly (`node scripts/start.mjs`, as the npm scripts do): a wrapper such as the
 * `tsx` command runs it as a child and SIGKILLs that child when it does not acknowledge a signal
 * within 30 ms, which a server busy rendering often cannot, and the requests in flight are cut off.
 */
export function listen(
  serve: Serve,
  options: { port: number; database: string; media?: string; close: () => Promise<void> },
) {
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
  server.listen(options.port, () => {
    log('info', 'serving', {
      database: options.database,
      media: options.media,
      url: `http://localhost:${options.port}`,
    })
  })

  function shutdown(signal: string) {
    // A second signal (a double Ctrl-C, a process manager repeating itself) must not close the
    // database under the requests still being answered: server.close() calls back at once when
    // the server is already closed.
    if (closing) return
    closing = true
    log('info', 'closing', { signal })
    const inFlightAtSignal = answering.size
    let finishing = false
    const finish = async (code: number) => {
      if (finishing) return
      finishing = true
      log('info', 'closed', { inFlightAtSignal, ...drained })
      try {
        await options.close()
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
      net.Server.prototype.close.call(server, () => void finish(0))
    })
    // A connection opened but silent (a browser's preconnect) would hold the shutdown up until
    // the headers timeout. It is closed once nothing else is being answered, and no sooner than a
    // second after the signal: a request still arriving, or unread on a busy server, is served.
    // Kept-alive connections between requests get that second too: closing one at once races the
    // next request its client may be sending on it (which would get no answer), while a request
    // that arrives within the second is answered with `Connection: close`.
    setTimeout(() => {
      graceOver = true
      for (const socket of idle) socket.end()
      dropSilent()
    }, 1000).unref()
    // A request that never ends (a client sending its body forever) does not keep the server up.
    setTimeout(() => {
      log('warn', 'requests still running after 10 s; closing their connections', {})
      server.closeAllConnections()
      void finish(1)
    }, 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  return server
}
