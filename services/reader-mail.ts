import 'server-only'
import { getSiteSettings } from '@/db/queries/settings'
import { sendMail } from './mail'
import { absoluteUrl } from '@/lib/urls'

/**
 * Sends one account message. A mail server that is down must not change what the form answers
 * (that would tell whether an address has an account), so failures are logged, not thrown.
 */
export async function sendAccountMail(to: string, subject: string, lines: string[]) {
  const site = (await getSiteSettings()).name
  try {
    await sendMail({ to, subject: `${subject} | ${site}`, text: `${lines.join('\n\n')}\n\n— ${site}\n` })
  } catch (error) {
    console.error(`Could not send "${subject}" mail:`, (error as Error).message)
  }
}

export const accountLink = (path: string) => absoluteUrl(path)
