import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** The second server of the security suite, on its own port and its own copy of the database. */
export const secondPort = Number(process.env.E2E_SECOND_PORT ?? 3214)
export const secondURL = `http://127.0.0.1:${secondPort}`

/** Copies the test database with SQLite's backup API (the test server is writing to it). */
export async function copyTestDatabase(name: string) {
  const dir = path.resolve('e2e/.data', name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const source = new Database(path.resolve('e2e/.data/test.db'), { readonly: true })
  await source.backup(path.join(dir, 'test.db'))
  source.close()
  return path.join(dir, 'test.db')
}

export type Server = {
  process: ChildProcess
  output: string[]
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

export async function startServer(databasePath: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts', '--no-build'], {
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: String(secondPort),
      SITE_URL: secondURL,
      ADMIN_PASSWORD: 'e2e-admin-password',
      AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output.join('')}`)
    try {
      if ((await fetch(`${secondURL}/robots.txt`)).ok) break
    } catch {}
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL')
      throw new Error(`The server did not start:\n${output.join('')}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    process: child,
    output,
    async stop(signal = 'SIGTERM') {
      // tsx runs the server in a child process: signal the whole group.
      try {
        process.kill(-child.pid!, signal)
      } catch {}
      return exited
    },
  }
}
