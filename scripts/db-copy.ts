// `npm run db:copy -- --from <SQLite file | postgres:// URL> --to <postgres:// URL | SQLite file> [--force]`:
// moves a whole site between engines (or to another database of the same engine). Stop the site's
// server first: writes made during the copy would not be in it.
import { prepareEnvironment } from './prepare'

function option(args: string[], name: string) {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

async function main() {
  const args = process.argv.slice(2)
  const from = option(args, '--from')
  const to = option(args, '--to')
  if (!from || !to || from.startsWith('--') || to.startsWith('--')) {
    console.error(
      'Usage: npm run db:copy -- --from <SQLite file | postgres:// URL> --to <postgres:// URL | SQLite file> [--force]',
    )
    process.exit(2)
  }
  prepareEnvironment()
  const { copySite, CopyError, describeEndpoint, parseEndpoint } = await import('@/services/db-copy')
  const [source, target] = [parseEndpoint(from), parseEndpoint(to)]
  console.log(`Copying ${describeEndpoint(source)} to ${describeEndpoint(target)}`)

  const live = process.stdout.isTTY
  let finished = ''
  try {
    const result = await copySite(source, target, {
      force: args.includes('--force'),
      onProgress: ({ table, copied, total }) => {
        const line = `  ${table.padEnd(22)} ${copied} / ${total} rows`
        if (copied < total) {
          if (live) process.stdout.write(`\r${line}`)
        } else if (finished !== table) {
          finished = table
          process.stdout.write(live ? `\r${line}\n` : `${line}\n`)
        }
      },
    })
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0)
    if (result.mismatches.length) {
      for (const m of result.mismatches)
        console.error(
          `Mismatch in ${m.table}: ${m.rows} row(s) read from the source, ${m.copiedRows} in the target` +
            (m.rows === m.copiedRows ? ', with different contents' : ''),
        )
      console.error(`Copy NOT verified: ${result.mismatches.length} table(s) differ. Do not use the target.`)
      process.exitCode = 1
      return
    }
    console.log(
      `Copied ${rows} rows in ${result.tables.length} tables in ${(result.ms / 1000).toFixed(1)} s; ` +
        'every table verified (row count and checksum).',
    )
  } catch (error) {
    if (live) process.stdout.write('\n')
    const message = error instanceof CopyError ? error.message : `${(error as Error).message}`
    console.error(`Not copied: ${message}`)
    process.exitCode = 1
  }
}

void main()
