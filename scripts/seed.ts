import { prepareEnvironment, printAdminAccount } from './prepare'

async function main() {
  const env = prepareEnvironment()
  const { describeDatabase, engine } = await import('@/db/client')
  const { migrateDatabase } = await import('@/db/migrate')
  const { isSeeded, seedDatabase } = await import('@/services/seed/seed')

  await migrateDatabase()
  if (await isSeeded()) {
    const again = engine === 'postgres' ? 'Drop and create the database' : 'Delete the file'
    console.log(`${describeDatabase()} already has content; nothing seeded. ${again} to start over.`)
    return
  }
  const articlesArg = process.argv.indexOf('--articles')
  const result = await seedDatabase({
    articles: articlesArg > 0 ? Number(process.argv[articlesArg + 1]) : undefined,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    log: console.log,
  })
  printAdminAccount(result)
}

void main()
