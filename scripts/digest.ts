// `npm run digest -- --now [--at 2026-11-23T07:00:00Z]`: sends every digest due at that moment (now by
// default) and exits; for hosts that run jobs from cron instead of the server's own timer.
import { prepareEnvironment } from './prepare'

async function main() {
  const args = process.argv.slice(2)
  if (!args.includes('--now')) {
    console.error('Usage: npm run digest -- --now [--at <ISO date and time>]')
    process.exit(2)
  }
  const atIndex = args.indexOf('--at')
  const now = atIndex >= 0 ? new Date(args[atIndex + 1] ?? '') : new Date()
  if (Number.isNaN(now.getTime())) {
    console.error('--at needs a date and time such as 2026-11-23T07:00:00Z')
    process.exit(2)
  }
  prepareEnvironment()
  const { migrateDatabase } = await import('@/db/migrate')
  const { runDigests } = await import('@/services/digest')
  const { mailConfigured, outboxDir } = await import('@/services/mail')
  await migrateDatabase()
  const r = await runDigests({ now, log: console.error })
  console.log(
    `Digests due: ${r.due}; sent ${r.sent}, nothing new ${r.empty}, failed ${r.failed}, bounced ${r.bounced}` +
      (mailConfigured() ? '' : ` (written to ${outboxDir()}: SMTP_URL is not set)`),
  )
  process.exit(r.failed + r.bounced > 0 ? 1 : 0)
}

void main()
