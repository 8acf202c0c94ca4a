import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outboxDir, sendMail } from './mail'
import { env } from '@/lib/env'

describe('mail', () => {
  const received: ParsedMail[] = []
  let server: SMTPServer

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        simpleParser(stream).then((m) => {
          received.push(m)
          done()
        }, done)
      },
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('delivers through SMTP_URL with text, HTML and extra headers', async () => {
    const { port } = server.server.address() as AddressInfo
    env.SMTP_URL = `smtp://127.0.0.1:${port}`
    try {
      const sent = await sendMail({
        to: 'reader@example.com',
        subject: 'Your digest',
        text: 'Plain text',
        html: '<p>HTML</p>',
        headers: { 'List-Unsubscribe': '<https://news.example.com/u/1>' },
      })
      expect(sent.transport).toBe('smtp')
    } finally {
      env.SMTP_URL = undefined
    }
    expect(received).toHaveLength(1)
    const mail = received[0]!
    expect(mail.subject).toBe('Your digest')
    expect(mail.text?.trim()).toBe('Plain text')
    expect(mail.html).toContain('<p>HTML</p>')
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain('https://news.example.com/u/1')
    expect((mail.to as { text: string }).text).toBe('reader@example.com')
  })

  it('writes an .eml file to the outbox when no SMTP server is configured', async () => {
    const sent = await sendMail({ to: 'reader@example.com', subject: 'Reset your password', text: 'Link' })
    expect(sent.transport).toBe('outbox')
    expect(sent.file?.startsWith(outboxDir())).toBe(true)
    const mail = await simpleParser(fs.readFileSync(sent.file!))
    expect(mail.subject).toBe('Reset your password')
    expect(fs.readdirSync(outboxDir()).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('reports a refused message instead of losing it silently', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(_address, _session, done) {
        done(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
      },
    })
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    env.SMTP_URL = `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`
    try {
      await expect(sendMail({ to: 'gone@example.com', subject: 'x', text: 'x' })).rejects.toThrow(/550|unavailable/i)
    } finally {
      env.SMTP_URL = undefined
      await new Promise<void>((resolve) => refusing.close(() => resolve()))
    }
  })
})
