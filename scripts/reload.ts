// `npm run reload`: replaces the workers of the running group one at a time (SIGHUP to its primary),
// so a new build or configuration goes live without a refused request; waits until it is done.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { prepareEnvironment } from './prepare'

type Health = { server?: { group?: { workers: { pid: number }[]; reloading: boolean } } }

async function groupState(url: string) {
  try {
    return ((await (await fetch(url)).json()) as Health).server?.group
  } catch {
    return undefined
  }
}

async function main() {
  const env = prepareEnvironment()
  const { pidFileFor } = await import('@/server/group')
  const pidFile = pidFileFor(env.DATABASE_PATH)
  if (!fs.existsSync(pidFile)) {
    console.error(`No worker group is running for ${env.DATABASE_PATH} (no ${pidFile}). A server started`)
    console.error('with WEB_CONCURRENCY=1 runs alone: restart it instead.')
    process.exit(1)
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8'))
  // New workers run the compiled server as it stands: a release that brought new source without
  // `npm run build` goes live too.
  const compiler = fileURLToPath(new URL('./compile-server.mjs', import.meta.url))
  if (spawnSync(process.execPath, [compiler], { stdio: 'inherit' }).status !== 0) {
    console.error('The server code did not compile; the workers keep running the code they have.')
    process.exit(1)
  }
  const health = `http://127.0.0.1:${env.PORT}/api/health/`
  const before = new Set((await groupState(health))?.workers.map((w) => w.pid))
  try {
    process.kill(pid, 'SIGHUP')
  } catch {
    console.error(`The group's primary (process ${pid}, from ${pidFile}) is not running.`)
    process.exit(1)
  }
  console.log(`Reloading the workers of process ${pid}…`)
  const deadline = Date.now() + 5 * 60_000
  for (;;) {
    await new Promise((r) => setTimeout(r, 500))
    const group = await groupState(health)
    if (group && !group.reloading && group.workers.every((w) => !before.has(w.pid))) {
      console.log(`Reloaded: ${group.workers.length} new workers (${group.workers.map((w) => w.pid).join(', ')}).`)
      return
    }
    if (Date.now() > deadline) {
      console.error('The reload has not finished after 5 minutes; see the server log.')
      process.exit(1)
    }
  }
}

void main()
