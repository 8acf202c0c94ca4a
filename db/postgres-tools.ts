// PostgreSQL's own command-line tools (pg_dump, pg_restore), for backups of a PostgreSQL site.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const serverRoot = '/usr/lib/postgresql'
// eslint-disable-next-line no-restricted-syntax -- the tools inherit the whole environment (PATH, PGSSLMODE…), which is no configuration of ours
const inherited = process.env

/**
 * The path of a PostgreSQL client tool: on PATH, else in the newest /usr/lib/postgresql/<version>/bin
 * (Debian and Ubuntu install the server's tools there only).
 */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (inherited.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name)
    if (fs.existsSync(candidate)) return candidate
  }
  const versions = fs.existsSync(serverRoot)
    ? fs
        .readdirSync(serverRoot)
        .filter((version) => fs.existsSync(path.join(serverRoot, version, 'bin', name)))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : []
  if (!versions.length)
    throw new Error(
      `${name} not found: install PostgreSQL's client tools (apt-get install postgresql-client), as new as the server.`,
    )
  return path.join(serverRoot, versions[0]!, 'bin', name)
}

/**
 * Runs a tool against the database at `url`. The password goes to the tool in PGPASSWORD, never on
 * its command line, where other users of the machine could read it and errors would repeat it.
 */
export async function runPostgresTool(name: 'pg_dump' | 'pg_restore', args: string[], url?: string) {
  const env = { ...inherited }
  const finalArgs = [...args]
  if (url) {
    const target = new URL(url)
    if (target.password) env.PGPASSWORD = decodeURIComponent(target.password)
    target.password = ''
    finalArgs.push(`--dbname=${target.toString()}`)
  }
  const tool = postgresTool(name)
  try {
    return await run(tool, finalArgs, { env, maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim()
    throw new Error(`${name} failed: ${stderr.split('\n').slice(0, 3).join(' ') || (error as Error).message}`)
  }
}
