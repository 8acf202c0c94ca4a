// `npm run bench:restarts [-- --seconds 40] [-- --connections 50]`: a worker group under load, one
// worker killed with SIGKILL, then `npm run reload`; counts what readers lost. See docs/performance.md.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs, quickArticles } from './common'
import { killChildren, startGazette, stopChild } from './server'

const flags = parseArgs(process.argv.slice(2))
const seconds = Number(flags.get('seconds') ?? 40)
const connections = Number(flags.get('connections') ?? 50)
const workers = Math.max(2, os.availableParallelism())
const source = path.resolve(`bench/data/${quickArticles}/bench.db`)
const workDir = path.resolve('bench/data/restarts')

/** Established connections on `port`, by the pid of the process holding them (from `ss`). */
function connectionsByPid(port: number) {
  const out = spawnSync('ss', ['-tnpH', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' }).stdout
  const counts = new Map<number, number>()
  for (const m of out.matchAll(/pid=(\d+)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1)
  return counts
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main() {
  if (!spawnSync('which', ['wrk']).stdout.length) throw new Error('needs wrk (apt-get install wrk)')
  if (!fs.existsSync(source)) throw new Error(`no ${source}: run \`npm run bench -- --quick\` once first`)
  fs.rmSync(workDir, { recursive: true, force: true })
  fs.mkdirSync(workDir, { recursive: true })
  const databasePath = path.join(workDir, 'bench.db')
  fs.copyFileSync(source, databasePath)
  const group = await startGazette(databasePath, path.join(workDir, 'server.log'), workers)
  console.log(`A group of ${workers} workers at ${group.url}; wrk, ${connections} connections, ${seconds} s`)
  for (let i = 0; i < 4 * workers; i++) await fetch(`${group.url}/`)

  let out = ''
  const wrk = spawn('wrk', [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--timeout',
    '10s',
    '-H',
    'Accept-Encoding: gzip',
    `${group.url}/`,
  ])
  wrk.stdout.on('data', (d: Buffer) => (out += d.toString()))
  const done = new Promise((resolve) => wrk.once('exit', resolve))

  await sleep((seconds * 1000) / 4)
  const held = connectionsByPid(group.port)
  const [victim, victimConnections] = [...held].find(([pid]) => pid !== group.serverPid)!
  process.kill(victim, 'SIGKILL')
  console.log(`killed worker ${victim}, which held ${victimConnections} of the ${connections} connections`)

  await sleep((seconds * 1000) / 4)
  const reload = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reload.ts'], {
    env: { ...process.env, DATABASE_PATH: databasePath, PORT: String(group.port) },
    encoding: 'utf8',
  })
  console.log(reload.stdout.trim() || reload.stderr.trim())
  await done
  await stopChild(group.child)

  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0)
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  const failed = sockets ? sockets.slice(1).reduce((a, b) => a + Number(b), 0) : 0
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0)
  console.log(
    `${requests} requests; ${failed} failed on the socket (the killed worker held ${victimConnections} connections, ` +
      `each with a request in flight), ${non2xx} not 2xx; reload exit code ${reload.status}`,
  )
  if (failed > victimConnections || non2xx > 0 || reload.status !== 0) process.exitCode = 1
}

main()
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
  })
  .finally(() => killChildren())
