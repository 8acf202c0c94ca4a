// No 'server-only' (unlike settings.ts, whose cache needs Next): the digest runner and the server's
// timers read the settings outside Next.
import { parseSiteSettings } from '@/lib/settings'
import { db } from '../client'
import { settings } from '../schema'

/** Site settings as stored now, for write paths and scripts; pages use the cached getSiteSettings. */
export async function readSiteSettings() {
  return parseSiteSettings(await db.select({ key: settings.key, value: settings.value }).from(settings))
}
