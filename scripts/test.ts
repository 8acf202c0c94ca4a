import { spawnSync } from 'node:child_process'
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

const unitStatus = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsDir}/unit.json`,
])
const buildStatus = run(bin('next'), ['build'])
const e2eStatus = buildStatus === 0 ? run(bin('playwright'), ['test']) : 1

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

const passed = unit.passed + e2e.passed
const failed = unit.failed + e2e.failed + (buildStatus === 0 ? 0 : 1)
console.log(
  `\nUnit tests: ${unit.passed} passed of ${unit.passed + unit.failed}. End-to-end: ${e2e.passed} passed of ${e2e.passed + e2e.failed}.`,
)
console.log(`${passed} passed, ${failed} failed, ${unit.skipped + e2e.skipped} skipped`)
process.exit(unitStatus !== 0 || e2eStatus !== 0 || failed > 0 ? 1 : 0)
