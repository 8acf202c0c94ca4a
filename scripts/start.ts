import { spawnSync } from 'node:child_process'
import cluster from 'node:cluster'
import fs from 'node:fs'
import path from 'node:path'
import { buildKeyProblem } from '@/lib/env'
import { prepareEnvironment, printAdminAccount } from './prepare'

async function main() {
  const env = prepareEnvironment()
  Object.assign(process.env, { NODE_ENV: 'production' })
  // A worker of a group: its primary has prepared everything below.
  if (cluster.isWorker) return (await import('@/server/boot')).serve(env)

  const { databasePath, databaseProblem, describeDatabase } = await import('@/db/client')
  const { migrateDatabase } = await import('@/db/migrate')
  const { isSeeded, seedDatabase } = await import('@/services/seed/seed')
  const { describeMediaStore } = await import('@/db/media-store')

  console.log(`Database: ${describeDatabase()}`)
  console.log(`Media: ${describeMediaStore()}`)
  try {
    await migrateDatabase()
  } catch (error) {
    console.error(`Cannot use the database (${describeDatabase()}): ${databaseProblem(error)}`)
    process.exit(1)
  }
  if (!(await isSeeded())) {
    console.log(`Seeding demo content into ${describeDatabase()}…`)
    const result = await seedDatabase({
      adminEmail: env.ADMIN_EMAIL,
      adminPassword: env.ADMIN_PASSWORD,
      log: console.log,
    })
    printAdminAccount(result)
  }

  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
    if (process.argv.includes('--no-build')) {
      console.error('No production build found: run `npm run build` first.')
      process.exit(1)
    }
    console.log('No production build found; building…')
    const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
      stdio: 'inherit',
      env: process.env,
    })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }
  if (env.MULTI_HOST && env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
    const manifest = path.join('.next', 'server', 'server-reference-manifest.json')
    const problem = buildKeyProblem(
      fs.existsSync(manifest) ? fs.readFileSync(manifest, 'utf8') : '',
      env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    )
    if (problem) {
      console.error(problem)
      process.exit(1)
    }
  }

  // Loaded only now: serving needs the build, and the environment prepared above.
  if (env.WEB_CONCURRENCY === 1) return (await import('@/server/boot')).serve(env)
  const { closeDatabase } = await import('@/db/lifecycle')
  const { pidFileFor, runGroup } = await import('@/server/group')
  // The primary serves nothing: its workers open the database themselves.
  await closeDatabase()
  runGroup({ workers: env.WEB_CONCURRENCY, pidFile: pidFileFor(databasePath) })
}

void main()
