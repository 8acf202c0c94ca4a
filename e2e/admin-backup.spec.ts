import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { checkGazetteDatabase, listBackups } from '../services/backup'
import { mainDatabase } from './db'
import { admin, signIn } from './staff'

test('the server takes a scheduled backup at start, and its schedule is set in settings', async ({ page }) => {
  // Backups are on by default, so the server backed up the freshly seeded database as it started.
  const database = mainDatabase.path
  const dir = path.join(path.dirname(database), 'backups')
  // On PostgreSQL a pg_dump archive named after the database.
  const backups = mainDatabase.url
    ? listBackups(dir, `${new URL(mainDatabase.url).pathname.slice(1)}.dump`, '.dump')
    : listBackups(dir, database)
  expect(backups.length).toBeGreaterThan(0)
  expect(mainDatabase.url ? checkPostgresBackup(backups[0]!.file) : checkGazetteDatabase(backups[0]!.file)).toEqual([])
  expect(fs.existsSync(path.join(path.dirname(database), 'backups', 'uploads'))).toBe(true)

  await signIn(page, admin.email, admin.password)
  await page.goto('/admin/settings/')
  const every = page.getByLabel('Back up every (hours)')
  const keep = page.getByLabel('Backups to keep')
  await expect(every).toHaveValue('24')
  await expect(keep).toHaveValue('14')

  // The server checks what the browser would; turn the browser's own check off to reach it.
  await every.evaluate((input: HTMLInputElement) => (input.form!.noValidate = true))
  await every.fill('200')
  await keep.fill('5')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Enter a whole number of hours from 0 to 168.')).toBeVisible()
  await expect(every).toHaveValue('200')
  await expect(keep).toHaveValue('5')

  await every.fill('12')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')
  await expect(page.getByLabel('Back up every (hours)')).toHaveValue('12')
  await expect(page.getByLabel('Backups to keep')).toHaveValue('5')

  await page.getByLabel('Back up every (hours)').fill('24')
  await page.getByLabel('Backups to keep').fill('14')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Settings saved.')
})

/** The backup check restore runs, under tsx: it loads pg_restore's helpers in a way Playwright's loader cannot. */
function checkPostgresBackup(file: string) {
  const script =
    "require('./services/backup').checkPostgresBackup(process.argv[1]).then((p) => console.log(JSON.stringify(p)))"
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '-e', script, file], { encoding: 'utf8' }),
  ) as string[]
}
