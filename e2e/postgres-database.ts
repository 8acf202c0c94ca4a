import { spawnSync } from 'node:child_process'
import pg from 'pg'

/**
 * Before the test server starts on PostgreSQL (playwright.config.ts): a fresh database every run,
 * as the SQLite file is. It is seeded as `<name>_template` and copied from there, so the second
 * servers of the security suite get a seeded database of their own in a moment
 * (e2e/security/server.ts); a database in use by a server cannot be a template.
 */
async function main() {
  const target = new URL(process.env.DATABASE_URL!)
  const name = decodeURIComponent(target.pathname.slice(1))
  const template = `${name}_template`
  const maintenance = new URL(target)
  maintenance.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: maintenance.toString() })
  await admin.connect()
  const id = (n: string) => admin.escapeIdentifier(n)
  try {
    // Left over from an earlier run on the same cluster, copies included.
    const old = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2 || '\\_%'",
      [name, name],
    )
    for (const { datname } of old.rows) await admin.query(`DROP DATABASE ${id(datname)} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${id(template)}`)
    const url = new URL(target)
    url.pathname = `/${encodeURIComponent(template)}`
    const seed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      stdio: 'inherit',
    })
    if (seed.status !== 0) throw new Error(`Seeding ${template} failed`)
    await admin.query(`CREATE DATABASE ${id(name)} TEMPLATE ${id(template)}`)
  } finally {
    await admin.end()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
