import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { readEnv } from '@/lib/env'

/**
 * Validates the environment before anything else runs, printing one line per problem, and
 * gives the demo a persistent AUTH_SECRET when none is configured.
 */
export function prepareEnvironment() {
  const { env, errors } = readEnv()
  if (!env) {
    for (const line of errors) console.error(line)
    process.exit(1)
  }
  if (!env.AUTH_SECRET) {
    const file = path.join(path.dirname(path.resolve(env.DATABASE_PATH)), '.auth-secret')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
    process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim()
  }
  process.env.DATABASE_PATH = env.DATABASE_PATH
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  process.env.AUTH_TRUST_HOST ??= 'true'
  // Sign-in redirects and the Secure cookie flag follow the public address, never a request's
  // Host header: behind https, session cookies are Secure.
  if (env.SITE_URL) process.env.AUTH_URL ??= new URL(env.SITE_URL).origin
  return env
}

/** What a seed run prints of the admin account: only from the process that seeded. */
export function printAdminAccount(result: {
  seeded: boolean
  adminEmail: string
  adminPassword?: string
  generatedPassword?: boolean
}) {
  if (!result.seeded) return
  console.log(`Admin account: ${result.adminEmail}`)
  // Shown this once only; it is stored nowhere but as a hash.
  if (result.generatedPassword) console.log(`Admin password (generated, shown once): ${result.adminPassword}`)
}
