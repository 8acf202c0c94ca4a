import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { findChromium } from '../e2e/browser'

// Every test, unit to end-to-end, ending with one "N passed, N failed" line.
const resultsDir = path.resolve('test-results')
fs.rmSync(resultsDir, { recursive: true, force: true })
fs.mkdirSync(resultsDir, { recursive: true })

const browser = findChromium()
if (!browser) {
  console.error(
    'No Chromium found for the end-to-end tests. Install one with `apt-get install chromium` (Debian/Ubuntu), ' +
      'or `npx playwright install chromium`, or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  )
  process.exit(1)
}

// The feed and sitemap checks validate with libxml2 and run the Nu Html Checker.
const tools = [
  ['/usr/bin/xmllint', 'libxml2-utils'],
  ['/usr/bin/java', 'default-jre-headless'],
].filter(([file]) => !fs.existsSync(file!))
if (tools.length > 0) {
  console.error(
    `Missing ${tools.map(([f]) => f).join(' and ')}: install with \`apt-get install ${tools.map(([, p]) => p).join(' ')}\`.`,
  )
  process.exit(1)
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
const bin = (name: string) => path.resolve('node_modules', '.bin', name)
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1

// The second Node line (SECOND_NODE=22) needs better-sqlite3 compiled against its headers, a minute
// and more on one core: started now, it is ready by the time lint and the first unit runs are done.
const secondNode = process.env.SECOND_NODE
if (secondNode) spawn('bash', ['scripts/second-node.sh', secondNode], { stdio: ['ignore', 'ignore', 'inherit'] })

// ESLint: Next's rules, promise checks and the import boundaries between the layers.
const lintStatus = run(bin('eslint'), ['--max-warnings', '0', '.'])
const unitStatus = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsDir}/unit.json`,
])
// The unit tests again on PostgreSQL, on a cluster the run starts and removes.
const postgresStatus = run(bin('vitest'), [
  'run',
  '--config',
  'vitest.postgres.config.mts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsDir}/unit-postgres.json`,
])
const second = secondNodeUnitTests()
const buildStatus = run(bin('next'), ['build'])
const e2eStatus = buildStatus === 0 ? run(bin('playwright'), ['test']) : 1
// Three hosts behind HAProxy and Varnish on PostgreSQL and a bucket (npm run test:cluster).
const clusterStatus =
  buildStatus === 0 ? run(bin('playwright'), ['test', '--config', 'playwright.cluster.config.ts']) : 1

/**
 * Hosts run Node 22 and 24 as well as this machine's Node: with SECOND_NODE (a major version) the
 * unit tests run again on that Node, prepared by scripts/second-node.sh (this call waits on its lock
 * for the one started above). better-sqlite3 is a native module built for one Node ABI, so its
 * binding is swapped for the one built there and put back after; rename, never overwrite, since
 * worktrees may share node_modules files by hard link.
 */
function secondNodeUnitTests() {
  if (!secondNode) return undefined
  const prepared = spawnSync('bash', ['scripts/second-node.sh', secondNode], { stdio: ['ignore', 'pipe', 'inherit'] })
  const dir = prepared.stdout.toString().trim()
  if (prepared.status !== 0 || !dir) return { status: 1, file: '' }
  const binding = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  const kept = `${binding}.kept`
  fs.renameSync(binding, kept)
  const restore = () => fs.existsSync(kept) && fs.renameSync(kept, binding)
  process.once('exit', restore)
  try {
    fs.copyFileSync(path.join(dir, 'better_sqlite3.node'), binding)
    const node = path.join(dir, 'node', 'bin', 'node')
    console.log(`\nUnit tests again on Node ${spawnSync(node, ['--version']).stdout.toString().trim()}`)
    const status = spawnSync(
      node,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${resultsDir}/unit-second-node.json`,
      ],
      { stdio: 'inherit', env: { ...env, PATH: `${path.dirname(node)}:${process.env.PATH}` } },
    ).status
    return { status: status ?? 1, file: `${resultsDir}/unit-second-node.json` }
  } finally {
    fs.rmSync(binding, { force: true })
    restore()
  }
}

function readCounts(file: string, pick: (json: any) => { passed: number; failed: number; skipped: number }) {
  try {
    return pick(JSON.parse(fs.readFileSync(file, 'utf8')))
  } catch {
    return { passed: 0, failed: 1, skipped: 0 }
  }
}
const unit = readCounts(`${resultsDir}/unit.json`, (j) => ({
  passed: j.numPassedTests,
  failed: j.numFailedTests,
  skipped: j.numPendingTests + j.numTodoTests,
}))
const e2e =
  buildStatus === 0
    ? readCounts(`${resultsDir}/e2e.json`, (j) => ({
        passed: j.stats.expected + j.stats.flaky,
        failed: j.stats.unexpected,
        skipped: j.stats.skipped,
      }))
    : { passed: 0, failed: 1, skipped: 0 }

const clusterCounts =
  buildStatus === 0
    ? readCounts(`${resultsDir}/cluster.json`, (j) => ({
        passed: j.stats.expected + j.stats.flaky,
        failed: j.stats.unexpected,
        skipped: j.stats.skipped,
      }))
    : { passed: 0, failed: 1, skipped: 0 }

const unitPostgres = readCounts(`${resultsDir}/unit-postgres.json`, (j) => ({
  passed: j.numPassedTests,
  failed: j.numFailedTests,
  skipped: j.numPendingTests + j.numTodoTests,
}))

const unit2 = second
  ? readCounts(second.file, (j) => ({
      passed: j.numPassedTests,
      failed: j.numFailedTests,
      skipped: j.numPendingTests + j.numTodoTests,
    }))
  : { passed: 0, failed: 0, skipped: 0 }

const passed = unit.passed + unitPostgres.passed + unit2.passed + e2e.passed + clusterCounts.passed
const failed =
  unit.failed +
  unitPostgres.failed +
  unit2.failed +
  e2e.failed +
  clusterCounts.failed +
  (buildStatus === 0 ? 0 : 1) +
  (lintStatus === 0 ? 0 : 1)
console.log(
  `\nLint: ${lintStatus === 0 ? 'clean' : 'failed'}. Unit tests: ${unit.passed} passed of ${unit.passed + unit.failed}.` +
    ` On PostgreSQL: ${unitPostgres.passed} passed of ${unitPostgres.passed + unitPostgres.failed}.` +
    (second ? ` Unit tests on the second Node: ${unit2.passed} passed of ${unit2.passed + unit2.failed}.` : '') +
    ` End-to-end: ${e2e.passed} passed of ${e2e.passed + e2e.failed}.` +
    ` Cluster: ${clusterCounts.passed} passed of ${clusterCounts.passed + clusterCounts.failed}.`,
)
console.log(
  `${passed} passed, ${failed} failed, ${unit.skipped + unitPostgres.skipped + unit2.skipped + e2e.skipped + clusterCounts.skipped} skipped`,
)
process.exit(
  lintStatus !== 0 ||
    unitStatus !== 0 ||
    postgresStatus !== 0 ||
    (second && second.status !== 0) ||
    e2eStatus !== 0 ||
    clusterStatus !== 0 ||
    failed > 0
    ? 1
    : 0,
)
