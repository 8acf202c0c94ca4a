import { and, eq } from 'drizzle-orm'
import { spawn, type ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POST as unsubscribe, GET as unsubscribePage } from '@/app/digest/unsubscribe/route'
import { db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { saveDigestPreferences } from '@/db/mutations/digests'
import { digestSends, digestSubscriptions } from '@/db/schema'
import { addSection, addUser, publishArticle } from '@/db/test-fixtures'
import { runDigests } from './digest'
import { env } from '@/lib/env'

// A real SMTP server and the real runner, in process and as `npm run digest` in a child process.
// Links point at the public address; the digest run started as a child below gets it in its environment.
env.SITE_URL = 'https://news.example.com'

type Received = { to: string; mail: ParsedMail }

async function startSmtp(onMail: (r: Received, all: Received[]) => void = () => {}) {
  const received: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      simpleParser(stream).then((mail) => {
        const r = { to: session.envelope.rcptTo.map((a) => a.address).join(','), mail }
        received.push(r)
        onMail(r, received)
        done()
      }, done)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`
  return { server, received, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const hours = (n: number) => n * 3_600_000
const day1 = new Date('2026-11-23T08:00:00Z')
const day2 = new Date('2026-11-24T08:00:00Z')
const section: Record<string, number> = {}
const reader: Record<string, number> = {}
let authorId: number

async function publish(title: string, sectionName: string, at: Date) {
  return publishArticle(authorId, at, {
    title,
    slug: title.toLowerCase().replace(/\W+/g, '-'),
    body: `<p>${title} was confirmed by officials on the same day it was announced.</p><p>People affected said they had waited a long time for a decision of this kind.</p><p>More details are expected to follow later this week from the agencies involved.</p>`,
    categoryId: section[sectionName]!,
  })
}

async function addReader(key: string, follows: string[], frequency: 'daily' | 'off' = 'daily') {
  reader[key] = await addUser({ email: `${key}@example.com`, name: `Reader ${key}`, role: 'reader' })
  await saveDigestPreferences(
    reader[key]!,
    { frequency, hour: 7, timezone: 'UTC', sectionIds: follows.map((s) => section[s]!), tagIds: [] },
    new Date('2026-11-01T00:00:00Z'),
  )
}

const titlesIn = (mail: ParsedMail) => [...(mail.text ?? '').matchAll(/^(?:\* )?(Story .+)$/gm)].map((m) => m[1])

beforeAll(async () => {
  await migrateDatabase(db)
  authorId = await addUser({ email: 'desk@example.com', name: 'Desk', role: 'editor' })
  for (const name of ['City', 'Sport', 'Business']) section[name] = await addSection(name)
  await publish('Story city one', 'City', new Date(day1.getTime() - hours(3)))
  await publish('Story city two', 'City', new Date(day1.getTime() - hours(10)))
  await publish('Story sport one', 'Sport', new Date(day1.getTime() - hours(5)))
  await publish('Story business one', 'Business', new Date(day1.getTime() - hours(4)))
  await publish('Story city stale', 'City', new Date(day1.getTime() - hours(60)))
  await addReader('two-sections', ['City', 'Sport'])
  await addReader('business', ['Business'])
  await addReader('switched-off', ['City'], 'off')
})

describe('digest delivery through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  beforeAll(async () => {
    smtp = await startSmtp()
    env.SMTP_URL = smtp.url
  })
  afterAll(async () => {
    env.SMTP_URL = undefined
    await smtp.close()
  })

  it('sends a reader of two sections the right stories, and nobody else theirs', async () => {
    const result = await runDigests({ now: day1 })
    expect(result).toMatchObject({ sent: 2, failed: 0, bounced: 0 })
    expect(smtp.received.map((r) => r.to).sort()).toEqual(['business@example.com', 'two-sections@example.com'])
    const mail = smtp.received.find((r) => r.to === 'two-sections@example.com')!.mail
    expect(titlesIn(mail).sort()).toEqual(['Story city one', 'Story city two', 'Story sport one'])
    expect(mail.html).toContain('Story sport one')
    expect(mail.html).not.toContain('Story business one')
    expect(mail.subject).toMatch(/digest/)
    expect(mail.text).toContain('officials on the same day')
    const header = (k: string) => mail.headerLines.find((h) => h.key === k)?.line ?? ''
    expect(header('list-unsubscribe')).toMatch(/<https:\/\/news\.example\.com\/digest\/unsubscribe\/\?u=\d+&t=[\w-]+>/)
    expect(header('list-unsubscribe-post')).toMatch(/List-Unsubscribe=One-Click/)
    const business = smtp.received.find((r) => r.to === 'business@example.com')!.mail
    expect(titlesIn(business)).toEqual(['Story business one'])
  })

  it('sends nothing twice when the same run is repeated', async () => {
    const before = smtp.received.length
    expect(await runDigests({ now: new Date(day1.getTime() + hours(1)) })).toMatchObject({ due: 0, sent: 0 })
    expect(smtp.received).toHaveLength(before)
  })

  it('unsubscribes from the link without sign-in; a tampered link changes nothing', async () => {
    const mail = smtp.received.find((r) => r.to === 'two-sections@example.com')!.mail
    const link = /<([^>]+)>/.exec(mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1]!
    const page = await unsubscribePage(new Request(link))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<button type="submit"')
    const stillOn = async () =>
      (
        await db
          .select()
          .from(digestSubscriptions)
          .where(eq(digestSubscriptions.userId, reader['two-sections']!))
          .limit(1)
      )[0]!.frequency
    expect(await stillOn()).toBe('daily')

    const forged = link.replace(/t=[\w-]+/, 't=forged')
    const refused = await unsubscribe(new Request(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' }))
    expect(refused.status).toBe(400)
    expect(await stillOn()).toBe('daily')

    const done = await unsubscribe(
      new Request(link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    )
    expect(done.status).toBe(200)
    expect(await stillOn()).toBe('off')
  })

  it('starts the next digest where the last one ended', async () => {
    await publish('Story business two', 'Business', new Date(day2.getTime() - hours(2)))
    await publish('Story city three', 'City', new Date(day2.getTime() - hours(2)))
    const before = smtp.received.length
    await runDigests({ now: day2 })
    const fresh = smtp.received.slice(before)
    // The unsubscribed reader gets nothing; the other only what is new since their last digest.
    expect(fresh.map((r) => r.to)).toEqual(['business@example.com'])
    expect(titlesIn(fresh[0]!.mail)).toEqual(['Story business two'])
  })
})

describe('a digest run killed mid-way', () => {
  const day3 = new Date('2026-11-25T08:00:00Z')
  const keys = ['k1', 'k2', 'k3', 'k4', 'k5']

  function runChild(smtpUrl: string) {
    // node itself with tsx's loader, not the tsx wrapper: SIGKILL must hit the process that sends.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('scripts/digest.ts'), '--now', '--at', day3.toISOString()],
      {
        env: { ...process.env, SITE_URL: env.SITE_URL, SMTP_URL: smtpUrl, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout!.on('data', (d) => (output += d))
    child.stderr!.on('data', (d) => (output += d))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, output })),
    )
    return { child, exited }
  }

  it('resumes without sending anyone the same digest twice', async () => {
    for (const k of keys) await addReader(k, ['Sport'])
    await publish('Story sport two', 'Sport', new Date(day3.getTime() - hours(3)))

    let victim: ChildProcess | undefined = undefined
    // The server takes the second message, then the sender dies before it can record it as sent.
    const killer = await startSmtp((_r, all) => {
      if (all.length === 2) victim?.kill('SIGKILL')
    })
    const first = runChild(killer.url)
    victim = first.child
    const killed = await first.exited
    expect(killed.signal).toBe('SIGKILL')
    await killer.close()
    expect(killer.received).toHaveLength(2)

    const steady = await startSmtp()
    const resumed = await runChild(steady.url).exited
    await steady.close()
    expect(resumed.code, resumed.output).toBe(0)

    const all = [...killer.received, ...steady.received].map((r) => r.to)
    for (const k of keys) expect(all.filter((to) => to === `${k}@example.com`)).toHaveLength(1)
    expect(all).toHaveLength(keys.length)
    for (const r of [...killer.received, ...steady.received]) expect(titlesIn(r.mail)).toEqual(['Story sport two'])
    const rows = await db
      .select({ status: digestSends.status })
      .from(digestSends)
      .where(and(eq(digestSends.slot, '2026-11-25')))
    // Every reader of that date has one row; at most the one in flight at the kill is left 'sending'.
    expect(rows.filter((r) => r.status === 'sent').length).toBeGreaterThanOrEqual(keys.length - 1)
    expect(rows.filter((r) => r.status === 'sending').length).toBeLessThanOrEqual(1)
  })
})
