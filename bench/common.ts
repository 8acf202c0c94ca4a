import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const defaultBenchDb = path.resolve('bench/data/bench.db')
export const resultsDir = path.resolve('bench/results')
export const benchAdmin = { email: 'bench-admin@example.com', password: 'bench-admin-password' }
/** The signed-in reader of the bench's signed-in rows, added to the database by the run. */
export const benchReader = {
  email: 'bench-reader@example.com',
  password: 'bench-reader-password',
  name: 'Bench Reader',
}
export const quickArticles = 5_000
export const fullArticles = 100_000

export function parseArgs(argv: string[]) {
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) continue
    // Split at the first "=" only: a value may hold its own ("--node-options=--max-semi-space-size=32").
    const eq = a.indexOf('=')
    const key = eq < 0 ? a.slice(2) : a.slice(2, eq)
    const inline = eq < 0 ? undefined : a.slice(eq + 1)
    const next = argv[i + 1]
    if (inline !== undefined) flags.set(key, inline)
    else if (next !== undefined && !next.startsWith('--')) flags.set(key, argv[++i]!)
    else flags.set(key, true)
  }
  return flags
}

/** The commit measured, and whether the code had uncommitted changes (results files aside). */
export function gitCommit() {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim()
  try {
    const commit = git('rev-parse', '--short', 'HEAD')
    const changes = git(
      'status',
      '--porcelain',
      '--untracked-files=no',
      '--',
      '.',
      ':!bench/results',
      ':!docs/performance.md',
    )
    return { commit, dirty: changes.length > 0 }
  } catch {
    return { commit: 'unknown', dirty: false }
  }
}

export function machine() {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  }
}

export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

export function writeJson(file: string, value: unknown) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`)
}

/** Replaces what sits between `<!-- name -->` and `<!-- /name -->` in docs/performance.md, then formats it. */
export function replaceDocBlock(name: string, content: string) {
  const doc = path.resolve('docs/performance.md')
  if (!fs.existsSync(doc)) return
  const text = fs.readFileSync(doc, 'utf8')
  const start = `<!-- ${name} -->`
  const end = `<!-- /${name} -->`
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  if (i < 0 || j < i) return
  fs.writeFileSync(doc, `${text.slice(0, i)}${start}\n${content}\n${text.slice(j)}`)
  spawnSync(process.execPath, [path.resolve('node_modules/prettier/bin/prettier.cjs'), '--write', doc], {
    stdio: 'ignore',
  })
}
