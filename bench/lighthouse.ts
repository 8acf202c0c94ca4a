// `npm run bench:lighthouse [-- --runs 3]`: Lighthouse, mobile defaults, on three reader pages; medians.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { categoryPath } from '@/lib/urls'
import { gitCommit, parseArgs, quickArticles, readJson, replaceDocBlock, resultsDir, writeJson } from './common'
import { killChildren, startChild, startGazette, stopChild, tail } from './server'
import { pickTargets } from './targets'

const flags = parseArgs(process.argv.slice(2))
const runs = Number(flags.get('runs') ?? 3)
const dbPath = path.resolve(`bench/data/${quickArticles}/bench.db`)
const workDir = path.resolve('bench/data/lighthouse')
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const
const metrics = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** Headless Chromium with a DevTools port, in its own process group so that it is always ended. */
async function startChrome() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-lh-'))
  const logFile = path.join(workDir, 'chrome.log')
  const child = startChild(
    chromePath,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { logFile },
  )
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(fs.readFileSync(logFile, 'utf8'))
    if (m) return { child, port: Number(m[1]), profile }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Chromium did not start (${chromePath}); log:\n${tail(logFile)}`)
}

async function main() {
  if (!fs.existsSync(chromePath))
    throw new Error(`No Chromium at ${chromePath}: apt-get install chromium, or set CHROME_PATH.`)
  const data = spawnSync(
    process.execPath,
    [
      path.resolve('node_modules/tsx/dist/cli.mjs'),
      'bench/data.ts',
      '--articles',
      String(quickArticles),
      '--out',
      dbPath,
    ],
    { stdio: 'inherit' },
  )
  if (data.status !== 0) throw new Error('Building the benchmark database failed')
  const t = pickTargets(dbPath)
  fs.rmSync(workDir, { recursive: true, force: true })
  fs.mkdirSync(workDir, { recursive: true })

  const gazette = await startGazette(dbPath, path.join(workDir, 'server.log'))
  const chrome = await startChrome()
  const { default: lighthouse } = await import('lighthouse')
  const pages = [
    { key: 'front', path: '/' },
    { key: 'article', path: t.article.path },
    { key: 'section', path: categoryPath(t.section.slug) },
  ]
  const out: Record<string, unknown> = {}
  try {
    for (const page of pages) {
      const url = `${gazette.url}${page.path}`
      await fetch(url).then((r) => r.arrayBuffer())
      const failing = new Map<string, string>()
      const samples: { scores: Record<string, number>; metrics: Record<string, number> }[] = []
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...categories],
        })
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
        const { lhr } = result
        if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
        for (const c of categories.slice(1))
          for (const ref of lhr.categories[c]?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id]
            if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
              failing.set(ref.id, audit.title.replace(/\.$/, ''))
          }
        samples.push({
          scores: Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])),
          metrics: Object.fromEntries(metrics.map((m) => [m, lhr.audits[m]?.numericValue ?? NaN])),
        })
        process.stdout.write('.')
      }
      out[page.key] = {
        path: page.path,
        runs,
        median: Object.fromEntries(categories.map((c) => [c, median(samples.map((s) => s.scores[c]!))])),
        medianMetrics: Object.fromEntries(
          metrics.map((m) => [m, Math.round(median(samples.map((s) => s.metrics[m]!)) * 1000) / 1000]),
        ),
        samples: samples.map((s) => s.scores),
        failingAudits: Object.fromEntries(failing),
      }
    }
  } finally {
    await stopChild(chrome.child, 3_000)
    fs.rmSync(chrome.profile, { recursive: true, force: true })
    await stopChild(gazette.child)
  }
  console.log('\n')

  const head = ['page', ...categories, 'LCP ms', 'TBT ms', 'CLS']
  const rows = pages.map((p) => {
    const r = out[p.key] as { median: Record<string, number>; medianMetrics: Record<string, number> }
    return [
      p.key,
      ...categories.map((c) => String(r.median[c])),
      String(Math.round(r.medianMetrics['largest-contentful-paint']!)),
      String(Math.round(r.medianMetrics['total-blocking-time']!)),
      r.medianMetrics['cumulative-layout-shift']!.toFixed(3),
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  for (const r of [head, ...rows])
    console.log(r.map((v, i) => (i ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  '))
  for (const p of pages) {
    const failing = (out[p.key] as { failingAudits: Record<string, string> }).failingAudits
    if (Object.keys(failing).length) console.log(`${p.key}: ${Object.values(failing).join('; ')}`)
  }
  console.log(`\nMedian of ${runs} runs each; Lighthouse mobile defaults (simulated throttling), ${chromePath}.`)

  const { commit, dirty } = gitCommit()
  replaceDocBlock(
    'lighthouse:table',
    [
      `Commit \`${commit}\`${dirty ? ' with uncommitted changes' : ''}, ${new Date().toISOString().slice(0, 10)}; ${t.counts.articles.toLocaleString('en')} articles; ` +
        `median of ${runs} runs, mobile, ${spawnSync(chromePath, ['--version'], { encoding: 'utf8' }).stdout.trim()}.`,
      '',
      `| ${head.join(' | ')} |`,
      `| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      ...pages.flatMap((p) => {
        const failing = Object.values((out[p.key] as { failingAudits: Record<string, string> }).failingAudits)
        return failing.length ? ['', `Failed on the ${p.key} in at least one run: ${failing.join('; ')}.`] : []
      }),
    ].join('\n'),
  )
  const lighthouseResult = {
    commit,
    dirty,
    date: new Date().toISOString(),
    articles: t.counts.articles,
    chromium: spawnSync(chromePath, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    formFactor: 'mobile',
    pages: out,
  }
  const latestFile = path.join(resultsDir, 'latest.json')
  writeJson(latestFile, { ...(readJson<Record<string, unknown>>(latestFile) ?? {}), lighthouse: lighthouseResult })
  console.log(`Wrote the medians under "lighthouse" in ${path.relative(process.cwd(), latestFile)}`)
}

main()
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 1
  })
  .finally(() => {
    killChildren()
    process.exit()
  })
