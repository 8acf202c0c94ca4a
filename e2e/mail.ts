import { expect } from '@playwright/test'
import { simpleParser } from 'mailparser'
import fs from 'node:fs'
import path from 'node:path'
import { mailDir } from './mail-server'

/** The newest message to an address whose subject matches, waiting for it to arrive. */
export async function waitForMail(to: string, subject: RegExp) {
  let found: { subject: string; text: string } | undefined
  await expect
    .poll(
      async () => {
        const files = fs
          .readdirSync(mailDir)
          .filter((f) => f.endsWith(`-${to.toLowerCase()}.eml`))
          .sort()
          .reverse()
        for (const file of files) {
          const mail = await simpleParser(fs.readFileSync(path.join(mailDir, file)))
          if (subject.test(mail.subject ?? '')) {
            found = { subject: mail.subject ?? '', text: mail.text ?? '' }
            return true
          }
        }
        return false
      },
      { timeout: 10_000 },
    )
    .toBe(true)
  return found!
}

/** The first link in a message's text that points at the given path prefix. */
export function linkIn(text: string, pathPrefix: string) {
  const url = text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/\//g, '\\/')}[^\\s]*`))?.[0]
  if (!url) throw new Error(`No ${pathPrefix} link in: ${text}`)
  const u = new URL(url)
  return u.pathname + u.search
}
