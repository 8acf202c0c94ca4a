import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

// The attack suite on its own, with every payload of the corpora: its unit tests, a production
// build, then the security specs against a fresh seeded server. Ends with "N passed, N failed".
const resultsDir = path.resolve('test-results')
fs.mkdirSync(resultsDir, { recursive: true })
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SECURITY_FULL: '1' }
const bin = (name: string) => path.resolve('node_modules', '.bin', name)
const run = (cmd: string, args: string[], extra: Record<string, string> = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extra } }).status ?? 1

const unitFiles = [
  'lib/csp.test.ts',
  'lib/request-guard.test.ts',
  'lib/log.test.ts',
  'services/health.test.ts',
  'lib/html.test.ts',
  'lib/feeds.test.ts',
  'services/media.test.ts',
  'db/mutations/sign-in-failures.test.ts',
  'server/reader-handler.test.ts',
  'server/next-internals.test.ts',
]
run(bin('vitest'), [
  'run',
  ...unitFiles,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsDir}/security-unit.json`,
])
const build = process.argv.includes('--no-build') ? 0 : run(bin('next'), ['build'])
if (build === 0)
  run(
    bin('playwright'),
    ['test', '--project=security', '--project=security-second-server', '--no-deps', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: `${resultsDir}/security-e2e.json`,
    },
  )

function counts(file: string, pick: (j: any) => [number, number]): [number, number] {
  try {
    return pick(JSON.parse(fs.readFileSync(file, 'utf8')))
  } catch {
    return [0, 1]
  }
}
const [up, uf] = counts(`${resultsDir}/security-unit.json`, (j) => [j.numPassedTests, j.numFailedTests])
const [ep, ef] =
  build === 0
    ? counts(`${resultsDir}/security-e2e.json`, (j) => [j.stats.expected + j.stats.flaky, j.stats.unexpected])
    : ([0, 1] as [number, number])
console.log(`\n${up + ep} passed, ${uf + ef} failed`)
process.exit(uf + ef > 0 ? 1 : 0)
