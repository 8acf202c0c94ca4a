// `npm run bench:cluster [-- --seconds 20] [-- --connections 20]`: three hosts behind HAProxy and
// Varnish (e2e/cluster/hosts.ts), loaded through the front door by signed-in readers, whose pages
// pass Varnish and reach the hosts: all hosts up, one killed with SIGKILL, and a rolling restart
// of all three (each drained in HAProxy, stopped with SIGTERM, started, taken back). Needs a
// production build. See docs/performance.md.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { findChromium } from '../e2e/browser'
import { addReader, type Cluster, signInReader, startCluster } from '../e2e/cluster/hosts'
import { testDb } from '../e2e/db'
import { parseArgs } from './common'

const flags = parseArgs(process.argv.slice(2))
const seconds = Number(flags.get('seconds') ?? 20)
const connections = Number(flags.get('connections') ?? 20)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The session cookie of a reader signed in through the front door, as their browser holds it. */
async function sessionCookie(cluster: Cluster) {
  const reader = {
    email: 'bench-reader@example.com',
    password: 'bench-reader-pass',
    name: 'Bench Reader',
    slug: 'bench-reader',
  }
  await addReader(cluster, reader)
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage({ baseURL: cluster.front })
    await signInReader(page, reader)
    await page.goto('/')
    const articles = await page
      .locator('main a[href^="/20"]')
      .evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href')!))])
    const cookie = (await page.context().cookies())
      .filter((c) => c.name.startsWith('authjs.session-token'))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
    return { cookie, paths: ['/', '/category/business/', ...articles.slice(0, 18)] }
  } finally {
    await browser.close()
  }
}

async function phase(
  cluster: Cluster,
  name: string,
  session: { cookie: string; paths: string[] },
  during?: () => Promise<unknown>,
  length = seconds,
) {
  const script = path.join(os.tmpdir(), 'gazette-cluster-bench.lua')
  fs.writeFileSync(
    script,
    `local paths = {${session.paths.map((p) => JSON.stringify(p)).join(', ')}}\n` +
      'local i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n',
  )
  let out = ''
  const wrk = spawn('wrk', [
    ...['-t1', `-c${connections}`, `-d${length}s`, '--timeout', '10s', '--latency', '-s', script],
    ...['-H', `Cookie: ${session.cookie}`, '-H', 'Accept-Encoding: gzip', `${cluster.front}/`],
  ])
  wrk.stdout.on('data', (d: Buffer) => (out += d.toString()))
  const done = new Promise((resolve) => wrk.once('exit', resolve))
  if (during) await during()
  await done
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0)
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  const socketErrors = sockets ? sockets.slice(1).reduce((a, b) => a + Number(b), 0) : 0
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0)
  const p99 = /99%\s+(\S+)/.exec(out)?.[1]
  const rate = /Requests\/sec:\s+(\S+)/.exec(out)?.[1]
  console.log(
    `${name}: ${rate} req/s, p99 ${p99}, ${requests} requests, ${non2xx} not 2xx, ${socketErrors} socket errors`,
  )
}

async function main() {
  if (!spawnSync('which', ['wrk']).stdout.length) throw new Error('needs wrk (apt-get install wrk)')
  const cluster = await startCluster({ basePort: Number(flags.get('port') ?? 3260) })
  try {
    const session = await sessionCookie(cluster)
    console.log(
      `Three hosts, one worker each, behind HAProxy and Varnish; signed-in readers, ${connections} connections, ` +
        `${seconds} s a phase, ${session.paths.length} pages; load ${os.loadavg()[0]!.toFixed(1)}`,
    )
    // Every host's page cache filled first, as on a site that has been up for a while.
    await phase(cluster, 'warm-up (not counted)', session, undefined, 5)
    await phase(cluster, 'all hosts up', session)

    const [, b] = cluster.hosts
    await phase(cluster, 'one host killed a quarter in', session, async () => {
      await sleep((seconds * 1000) / 4)
      await cluster.killHost(b!)
    })
    await cluster.startHost(b!)
    await cluster.waitForStates({ b: 'UP' })

    await phase(cluster, 'rolling restart of all three', session, async () => {
      for (const host of cluster.hosts) {
        await cluster.setHostState(host, 'drain')
        await sleep(1000)
        await cluster.stopHost(host)
        await cluster.startHost(host)
        await cluster.setHostState(host, 'ready')
        await cluster.waitForStates({ [host.name]: 'UP' })
      }
    })
  } finally {
    await testDb(cluster.database).close()
    await cluster.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
