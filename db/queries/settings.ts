import 'server-only'
import { cache } from 'react'
import { parseSiteSettings } from '@/lib/settings'
import { db } from '../client'
import { memoForContent } from './content-version'
import { eq } from 'drizzle-orm'
import { media, settings } from '../schema'

// Settings are part of the content version (their triggers purge the page cache), so they are
// read and validated once per version rather than on every render.
export const getSiteSettings = cache(() =>
  memoForContent('site-settings', () =>
    parseSiteSettings(db.select({ key: settings.key, value: settings.value }).from(settings).all()),
  ),
)

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
