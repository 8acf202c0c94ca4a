import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startPostgres } from '../db/test-postgres'

// Everything on PostgreSQL: the unit tests (on a cluster of their own), then the whole end-to-end
// suite against a test server on a throwaway cluster this script starts and removes, even when a
// run fails or is interrupted. Needs a production build (npm run build).
//   npm run test:postgres                      unit tests, then every spec
//   npm run test:postgres -- --no-unit e2e/reader.spec.ts   some specs only (Playwright's arguments)
const args = process.argv.slice(2)
const unit = !args.includes('--no-unit')
const playwrightArgs = args.filter((a) => a !== '--no-unit')
const resultsDir = path.resolve('test-results')
fs.mkdirSync(resultsDir, { recursive: true })
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
const bin = (name: string) => path.resolve('node_modules', '.bin', name)

let interrupted = false
let child: ReturnType<typeof spawn> | undefined
// Ctrl-C reaches the test runners too (one process group): wait for them, then remove the cluster.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    interrupted = true
    child?.kill(signal)
  })

function run(cmd: string, commandArgs: string[], extra: Record<string, string> = {}) {
  return new Promise<number>((resolve) => {
    child = spawn(cmd, commandArgs, { stdio: 'inherit', env: { ...env, ...extra } })
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function main() {
  const started = Date.now()
  const unitStatus = unit
    ? await run(bin('vitest'), [
        'run',
        '--config',
        'vitest.postgres.config.mts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${resultsDir}/unit-postgres.json`,
      ])
    : 0
  if (interrupted) return 130

  const postgres = await startPostgres()
  let e2eStatus = 1
  try {
    const url = new URL(postgres.url)
    url.pathname = '/e2e'
    console.log(`\nEnd-to-end on PostgreSQL (${url.host})`)
    e2eStatus = await run(bin('playwright'), ['test', ...playwrightArgs], { E2E_DATABASE_URL: url.toString() })
  } finally {
    await postgres.stop()
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1)
  console.log(
    `\nOn PostgreSQL: unit tests ${unit ? (unitStatus === 0 ? 'passed' : 'failed') : 'not run'}, ` +
      `end-to-end ${e2eStatus === 0 ? 'passed' : 'failed'} (${minutes} min).`,
  )
  return interrupted ? 130 : unitStatus || e2eStatus
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
