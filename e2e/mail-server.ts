import fs from 'node:fs'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'

/** Where the test SMTP server drops what it receives: one .eml file per message. */
export const mailDir = path.resolve('e2e/.mail')
export const smtpPort = Number(process.env.E2E_PORT ?? 3100) + 2000

/**
 * Playwright global setup: a real SMTP server for the test site's SMTP_URL, so account mail
 * (confirmation, password reset, sign-in links) travels over SMTP as it does in production.
 */
export default async function startMailServer() {
  fs.rmSync(mailDir, { recursive: true, force: true })
  fs.mkdirSync(mailDir, { recursive: true })
  let n = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(',')
        fs.writeFileSync(path.join(mailDir, `${String(++n).padStart(5, '0')}-${to}.eml`), Buffer.concat(chunks))
        done()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(smtpPort, '127.0.0.1', resolve))
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}
