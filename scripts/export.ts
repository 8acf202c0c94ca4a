import fs from 'node:fs'
import { prepareEnvironment } from './prepare'

// npm run export:wordpress -- [--out file]  |  npm run export:json -- [--out file]
async function main() {
  const env = prepareEnvironment()
  const format = process.argv[2]
  if (format !== 'wordpress' && format !== 'json') {
    console.error('Usage: tsx scripts/export.ts wordpress|json [--out file]')
    process.exit(2)
  }
  const outIndex = process.argv.indexOf('--out')
  const stamp = new Date().toISOString().slice(0, 10)
  const out =
    outIndex > 0 ? process.argv[outIndex + 1]! : `gazette-${stamp}.${format === 'wordpress' ? 'wordpress.xml' : 'json'}`
  const { db } = await import('@/db/client')
  const { migrateDatabase } = await import('@/db/migrate')
  const { exportJson, exportWxr } = await import('@/services/wordpress/export')
  await migrateDatabase(db)

  const fd = fs.openSync(`${out}.partial`, 'w')
  const write = (chunk: string) => void fs.writeSync(fd, chunk)
  if (format === 'wordpress') await exportWxr(env.SITE_URL ?? `http://localhost:${env.PORT}`, write)
  else await exportJson(write)
  fs.closeSync(fd)
  // Renamed only when complete, so a failed export never leaves a truncated file under the real name.
  fs.renameSync(`${out}.partial`, out)
  console.log(`Wrote ${out} (${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB)`)
}

void main()
