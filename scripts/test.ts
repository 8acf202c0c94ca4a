import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { findChromium } from '../e2e/browser'
import { prepareNodeLine } from './node-line'

// Every test, unit to end-to-end, ending with one "N passed, N failed" line.
const resultsDir = path.resolve('test-results')
fs.rmSync(resultsDir, { recursive: true, force: true })
fs.mkdirSync(resultsDir, { recursive: true })

const browser = findChromium()
if (!browser) {
  console.error(
    'No Chromium found for the end-to-end tests. Install one with `apt-get install chromium-headless-shell` (Debian/Ubuntu), ' +
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
const vitestArgs = (report: string, ...options: string[]) => [
  'run',
  ...options,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsDir}/${report}`,
]

// The second Node line (SECOND_NODE=22) needs better-sqlite3 compiled against its headers, a minute
// and more on one core: started now, it is ready by the time lint and the first unit runs are done.
const secondNode = process.env.SECOND_NODE
if (secondNode) spawn('bash', ['scripts/second-node.sh', secondNode], { stdio: ['ignore', 'ignore', 'inherit'] })

// ESLint: Next's rules, promise checks and the import boundaries between the layers.
const lintStatus = run(bin('eslint'), ['--max-warnings', '0', '.'])
const unitStatus = run(bin('vitest'), vitestArgs('unit.json'))
// The unit tests again on PostgreSQL, on a cluster the run starts and removes.
const postgresStatus = run(bin('vitest'), vitestArgs('unit-postgres.json', '--config', 'vitest.postgres.config.mts'))
const buildStatus = run(bin('next'), ['build'])
const e2eStatus = buildStatus === 0 ? run(bin('playwright'), ['test']) : 1
const second = secondNodeUnitTests()
// Three hosts behind HAProxy and Varnish on PostgreSQL and a bucket (npm run test:cluster).
const clusterStatus =
  buildStatus === 0 ? run(bin('playwright'), ['test', '--config', 'playwright.cluster.config.ts']) : 1

/**
 * Hosts run Node 22 and 24 as well as this machine's Node: with SECOND_NODE (a major version) the
 * unit tests run again on that Node, in its own copy of the checkout (scripts/node-line.ts; this
 * call waits for the preparation started above), while the hosts under test load this one's. They
 * run beside the cluster tests, at a lower priority: those leave a core idle about half the time
 * (hosts starting, stopping and waiting on HAProxy), and this run fills it; beside the end-to-end
 * tests, which keep both cores busy, it only slowed them.
 */
function secondNodeUnitTests() {
  if (!secondNode) return undefined
  const line = prepareNodeLine(secondNode, ['.next', 'test-results'])
  if (!line) return { exited: Promise.resolve(1), file: '', log: '', version: secondNode }
  const { node, tree, version } = line
  const report = 'unit-second-node.json'
  const log = `${resultsDir}/unit-second-node.log`
  const output = fs.openSync(log, 'w')
  const child = spawn('nice', ['-n', '10', node, 'node_modules/vitest/vitest.mjs', ...vitestArgs(report)], {
    cwd: tree,
    stdio: ['ignore', output, output],
    env: { ...env, PATH: `${path.dirname(node)}:${process.env.PATH}` },
  })
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code) => {
      fs.closeSync(output)
      line.remove()
      resolve(code ?? 1)
    })
  })
  process.once('exit', () => child.kill())
  return { exited, file: `${resultsDir}/${report}`, log, version }
}

// A run that wrote no report counts as one failure.
const notRun = { passed: 0, failed: 1, skipped: 0 }
function readCounts(file: string, pick: (json: any) => typeof notRun) {
  try {
    return pick(JSON.parse(fs.readFileSync(file, 'utf8')))
  } catch {
    return notRun
  }
}
const vitestCounts = (j: any) => ({
  passed: j.numPassedTests,
  failed: j.numFailedTests,
  skipped: j.numPendingTests + j.numTodoTests,
})
const playwrightCounts = (j: any) => ({
  passed: j.stats.expected + j.stats.flaky,
  failed: j.stats.unexpected,
  skipped: j.stats.skipped,
})

function report(secondStatus: number) {
  if (second) {
    console.log(`\nUnit tests again on Node ${second.version}, beside the cluster tests:`)
    if (second.log) process.stdout.write(fs.readFileSync(second.log, 'utf8'))
  }
  const unit = readCounts(`${resultsDir}/unit.json`, vitestCounts)
  const unitPostgres = readCounts(`${resultsDir}/unit-postgres.json`, vitestCounts)
  const unit2 = second ? readCounts(second.file, vitestCounts) : { passed: 0, failed: 0, skipped: 0 }
  const e2e = buildStatus === 0 ? readCounts(`${resultsDir}/e2e.json`, playwrightCounts) : notRun
  const clusterCounts = buildStatus === 0 ? readCounts(`${resultsDir}/cluster.json`, playwrightCounts) : notRun
  const all = [unit, unitPostgres, unit2, e2e, clusterCounts]
  const passed = all.reduce((n, c) => n + c.passed, 0)
  const failed = all.reduce((n, c) => n + c.failed, 0) + (buildStatus === 0 ? 0 : 1) + (lintStatus === 0 ? 0 : 1)
  console.log(
    `\nLint: ${lintStatus === 0 ? 'clean' : 'failed'}. Unit tests: ${unit.passed} passed of ${unit.passed + unit.failed}.` +
      ` On PostgreSQL: ${unitPostgres.passed} passed of ${unitPostgres.passed + unitPostgres.failed}.` +
      (second ? ` Unit tests on the second Node: ${unit2.passed} passed of ${unit2.passed + unit2.failed}.` : '') +
      ` End-to-end: ${e2e.passed} passed of ${e2e.passed + e2e.failed}.` +
      ` Cluster: ${clusterCounts.passed} passed of ${clusterCounts.passed + clusterCounts.failed}.`,
  )
  console.log(`${passed} passed, ${failed} failed, ${all.reduce((n, c) => n + c.skipped, 0)} skipped`)
  const statuses = [lintStatus, unitStatus, postgresStatus, secondStatus, e2eStatus, clusterStatus]
  process.exit(statuses.some((status) => status !== 0) || failed > 0 ? 1 : 0)
}

void (second ? second.exited : Promise.resolve(0)).then(report)
