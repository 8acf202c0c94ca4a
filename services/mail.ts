import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer'
import { databasePath } from '@/db/client'
import { absoluteUrl } from '@/lib/urls'
import { env } from '@/lib/env'

export type OutgoingMail = {
  to: string
  subject: string
  text: string
  html?: string
  /** Extra headers such as List-Unsubscribe; values are sent as given. */
  headers?: Record<string, string>
  from?: string
}

export type SentMail = { messageId: string; transport: 'smtp' | 'outbox'; file?: string }

/** Where mail goes when no SMTP_URL is set: one .eml file per message, readable by any mail client. */
export function outboxDir() {
  return path.resolve(/*turbopackIgnore: true*/ env.MAIL_OUTBOX_DIR ?? path.join(path.dirname(databasePath), 'outbox'))
}

export function mailConfigured() {
  return Boolean(env.SMTP_URL)
}

export function defaultFrom() {
  if (env.MAIL_FROM) return env.MAIL_FROM
  const host = new URL(absoluteUrl('/')).hostname
  // A bare hostname (localhost) is not a valid mail domain for most servers; .invalid makes that explicit.
  return `Gazette <no-reply@${host.includes('.') ? host : `${host}.invalid`}>`
}

// One pooled transport per SMTP_URL, so a digest run reuses its connections instead of one per mail.
let smtp: { url: string; transport: nodemailer.Transporter } | undefined
function smtpTransport(url: string) {
  if (smtp?.url !== url) {
    smtp?.transport.close()
    smtp = { url, transport: nodemailer.createTransport(url) }
  }
  return smtp.transport
}

const streamTransport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })

/**
 * Sends one message through SMTP_URL, or writes it to the outbox when mail is not configured. Throws
 * when the SMTP server refuses it, so callers can record the failure.
 */
export async function sendMail(mail: OutgoingMail): Promise<SentMail> {
  const message: Mail.Options = {
    from: mail.from ?? defaultFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
  }
  const url = env.SMTP_URL
  if (url) {
    const info = await smtpTransport(url).sendMail(message)
    return { messageId: info.messageId, transport: 'smtp' }
  }
  const info = await streamTransport.sendMail(message)
  const dir = outboxDir()
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(
    dir,
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`,
  )
  // Written under a temporary name first so a reader of the outbox never sees half a message.
  fs.writeFileSync(`${file}.tmp`, info.message as Buffer)
  fs.renameSync(`${file}.tmp`, file)
  return { messageId: info.messageId, transport: 'outbox', file }
}
