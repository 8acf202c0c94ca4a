import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { testDb } from '../db'
import { commentBody, integrityCheck, prepareDatabase, sleep } from './reliability-support'
import { acceptQueue, secondPort, secondURL, startServer } from './server'

/** Resolves with the error code of a fresh connection attempt, or 'connected'. */
function tryConnect() {
  return new Promise<string>((resolve) => {
    const socket = net.connect(secondPort, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)))
  })
}

/**
 * SIGTERM while requests are in flight: uncached renders and a comment whose body is still being
 * sent. Every one of them gets its normal answer, new connections are refused meanwhile, the
 * process exits 0 and leaves the database checkpointed (no WAL content) and intact.
 */
test('SIGTERM finishes the requests in flight, refuses new ones, exits 0 and checkpoints the database', async () => {
  test.setTimeout(120_000)
  const fixture = await prepareDatabase('drain')
  const server = await startServer(fixture.database, { TRUST_PROXY: '1' })
  let stopped = false
  try {
    const pid = server.process.pid!
    // An idle keep-alive connection, as browsers keep them: it must not hold the shutdown up.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    await new Promise<void>((resolve, reject) =>
      http.get(`${secondURL}/robots.txt`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject),
    )

    // A comment whose body is half sent when the signal arrives.
    const article = fixture.articles[0]!
    const marker = `drain-comment ${Date.now()}`
    const body = Buffer.from(commentBody(article.id, marker))
    let sendRest = () => {}
    const comment = new Promise<{ status: number | string; location?: string }>((resolve) => {
      const request = http.request(`${secondURL}/comments/`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': body.length,
          Origin: secondURL,
          'X-Forwarded-For': '10.30.0.1',
        },
      })
      request.on('response', (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }))
      })
      request.on('error', (error) => resolve({ status: String(error) }))
      request.write(body.subarray(0, 20))
      sendRest = () => request.end(body.subarray(20))
    })

    // Uncached renders: searches nobody made before and articles not yet in the page cache.
    const uncached = (from: number, to: number) => [
      ...fixture.words.slice(from, to).map((w, i) => `/search/?q=${w}+${from + i}`),
      ...fixture.articles.slice(from + 1, to + 1).map((a) => a.path),
    ]
    // Settled once each request's connection is made (or has failed): it is then in the server's
    // accept queue, or already taken from it.
    const connected: Promise<unknown>[] = []
    const render = (path: string) =>
      // Each on a connection of its own, as a browser's parallel requests are.
      new Promise<{ path: string; status: number | string; complete: boolean; at: number }>((resolve) => {
        const request = http
          .get(`${secondURL}${path}`, { agent: false }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => {
              const html = Buffer.concat(chunks).toString('utf8')
              resolve({ path, status: res.statusCode!, complete: html.trimEnd().endsWith('</html>'), at: Date.now() })
            })
            res.on('error', (error) => resolve({ path, status: String(error), complete: false, at: Date.now() }))
          })
          .on('error', (error) => resolve({ path, status: String(error), complete: false, at: Date.now() }))
        connected.push(
          new Promise((made) => {
            request.once('socket', (socket) => socket.once('connect', made))
            request.once('error', made)
          }),
        )
      })
    const renders = uncached(0, 6).map(render)
    // Signalled once the server has begun answering and has taken every connection from the
    // kernel's accept queue: a connection still waiting there has reached no one, and is refused.
    // A second wave sent then is still being rendered at the signal: the first wave alone can all
    // end in the turns of the event loop before the server reads the signal.
    await Promise.race(renders)
    renders.push(...uncached(6, 12).map(render))
    await Promise.all(connected)
    for (let i = 0; i < 200 && acceptQueue(secondPort) > 0; i++) await sleep(10)
    const exit = server.stop('SIGTERM')
    stopped = true
    // Refused as soon as the listening socket is closed (after the current turn of the event
    // loop); the comment still waiting for its body keeps the server running until then.
    let refused = await tryConnect()
    for (let attempt = 0; refused === 'connected' && attempt < 100; attempt++) {
      await sleep(100)
      refused = await tryConnect()
    }
    const stillRunning = fs.existsSync(`/proc/${pid}`)
    sendRest()
    const [answers, posted, code] = await Promise.all([Promise.all(renders), comment, exit])
    agent.destroy()

    // When the server itself began to close (its event loop may have been busy when the signal came).
    const closingAt = server.output
      .join('')
      .split('\n')
      .filter((line) => line.includes('"message":"closing"'))
      .map((line) => Date.parse((JSON.parse(line) as { time: string }).time))[0]!
    const late = answers.filter((a) => a.at > closingAt).length
    console.log(
      server.output
        .join('')
        .split('\n')
        .filter((line) => /"(closing|closed)"/.test(line))
        .join('\n'),
    )
    console.log(
      `drain: ${answers.length} renders (${late} answered after SIGTERM) and a comment in flight; new connection: ${refused}; exit code ${code}`,
    )
    expect(stillRunning, 'the server was still draining when the new connection was tried').toBe(true)
    expect(refused).toBe('ECONNREFUSED')
    expect(answers.filter((a) => a.status !== 200 || !a.complete)).toEqual([])
    expect(late, 'some renders were still in flight at the signal').toBeGreaterThan(0)
    expect(posted.status).toBe(303)
    expect(code).toBe(0)
  } finally {
    if (!stopped) await server.stop()
  }

  if (!fixture.database.url) {
    const wal = `${fixture.database.path}-wal`
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0, 'WAL content left behind').toBe(0)
    expect(integrityCheck(fixture.database.path)).toBe('ok')
  }
  const db = testDb(fixture.database)
  const stored = await db.value("SELECT count(*) FROM comments WHERE body LIKE 'drain-comment %'")
  await db.close()
  expect(stored).toBe(1)
})
