import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { prepareEnvironment } from './prepare'

const usage = `Usage: npm run import:wordpress -- export.xml [--media-dir <wp-content/uploads copy>] [--site-url <url>]
       [--no-download] [--pingbacks drop|hold] [--as <staff email>] [--atomic]`

function option(name: string) {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}

function bar(done: number, total: number) {
  const ratio = total ? Math.min(1, done / total) : 1
  const width = 30
  const filled = Math.round(ratio * width)
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${mb(done / 2)} of ${mb(total / 2)} MB (read twice)`
}

async function main() {
  const env = prepareEnvironment()
  const args = process.argv.slice(2)
  const file = args.find(
    (a, i) => !a.startsWith('--') && !['--media-dir', '--site-url', '--pingbacks', '--as'].includes(args[i - 1] ?? ''),
  )
  if (!file) {
    console.error(usage)
    process.exit(2)
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`No such file: ${file}`)
    process.exit(2)
  }
  const mediaDir = option('--media-dir')
  if (mediaDir && !fs.existsSync(mediaDir)) {
    console.error(`No such directory: ${mediaDir}`)
    process.exit(2)
  }
  const pingbacks = option('--pingbacks') ?? 'drop'
  if (pingbacks !== 'drop' && pingbacks !== 'hold') {
    console.error('--pingbacks takes drop or hold')
    process.exit(2)
  }

  const { db, sqlite } = await import('@/db/client')
  const { migrateDatabase } = await import('@/db/migrate')
  const { importActor, startImportRun } = await import('@/db/mutations/wordpress')
  const { importWordpress } = await import('@/services/wordpress/import')
  const { hash } = await import('@node-rs/argon2')
  await migrateDatabase(db)
  // One transaction per item: without an fsync at each commit the import runs several times faster.
  // A crash can lose the last items, which running the import again brings back. (PostgreSQL
  // keeps its own setting: a server shared with the site should not trade durability away.)
  sqlite?.pragma('synchronous = NORMAL')

  const password = env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url')
  const actor = await importActor({
    email: option('--as'),
    adminEmail: env.ADMIN_EMAIL ?? 'admin@example.com',
    passwordHash: await hash(password),
  })
  if (!actor) {
    console.error(`No staff account with the address ${option('--as')}.`)
    process.exit(2)
  }
  if (actor.created) {
    console.log(`Admin account created: ${env.ADMIN_EMAIL ?? 'admin@example.com'}`)
    if (!env.ADMIN_PASSWORD) console.log(`Admin password (generated, shown once): ${password}`)
  }

  const runId = await startImportRun(file, fs.statSync(file).size * 2, actor.id)
  const tty = process.stderr.isTTY
  let lastLine = ''
  const report = await importWordpress(file, {
    actorId: actor.id,
    mediaDir,
    siteUrl: option('--site-url'),
    download: !process.argv.includes('--no-download'),
    pingbacks,
    runId,
    atomic: process.argv.includes('--atomic'),
    onProgress: (done, total) => {
      const line = bar(done, total)
      if (tty) process.stderr.write(`\r${line}`)
      else if (line.slice(0, 40) !== lastLine.slice(0, 40)) process.stderr.write(`${line}\n`)
      lastLine = line
    },
  })
  if (tty) process.stderr.write('\n')

  // A run that stopped says so first: its counts are what it wrote before, not an import.
  if (report.error) console.error(`\nImport stopped: ${report.error}`)
  console.log(report.error ? '\nWritten before it stopped:' : `\nImported from ${report.source || file}`)
  for (const [kind, c] of Object.entries(report.counts))
    console.log(`  ${kind.padEnd(18)} ${String(c.created).padStart(6)} new  ${String(c.updated).padStart(6)} updated`)
  if (report.skipped.length) {
    console.log(`\nSkipped or changed (${report.skipped.length}):`)
    for (const s of report.skipped) console.log(`  ${s.item}: ${s.reason}`)
  }
  if (report.keptMediaUrls.length) {
    console.log(
      `\nMedia left at the original address (${report.keptMediaUrls.length}); pass --media-dir to import them:`,
    )
    for (const url of report.keptMediaUrls) console.log(`  ${url}`)
  }
  if (report.error) process.exit(1)
}

void main()
