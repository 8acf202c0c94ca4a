import 'server-only'
import { cache } from 'react'
import { parseSiteSettings } from '@/lib/settings'
import { db } from '../client'
import { eq } from 'drizzle-orm'
import { media, settings } from '../schema'

export const getSiteSettings = cache(() => {
  const rows = db.select({ key: settings.key, value: settings.value }).from(settings).all()
  return parseSiteSettings(rows)
})

/** The masthead logo chosen in settings, if any. */
export const getSiteLogo = cache(() => {
  const { logoMediaId } = getSiteSettings()
  if (!logoMediaId) return undefined
  return db
    .select({ path: media.path, width: media.width, height: media.height, variants: media.variants })
    .from(media)
    .where(eq(media.id, logoMediaId))
    .get()
})
