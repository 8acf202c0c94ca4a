import 'server-only'
import { eq } from 'drizzle-orm'
import { cache } from 'react'
import { db } from '../client'
import { media } from '../schema'
import { memoForContent } from './content-version'
import { readSiteSettings } from './site-settings'

// Settings are part of the content version (their triggers purge the page cache), so they are
// read and validated once per version rather than on every render.
export const getSiteSettings = cache(async () => await memoForContent('site-settings', () => readSiteSettings()))

/** The masthead logo chosen in settings, if any. */
export const getSiteLogo = cache(async () => {
  const { logoMediaId } = await getSiteSettings()
  if (!logoMediaId) return undefined
  const [logo] = await db
    .select({ path: media.path, width: media.width, height: media.height, variants: media.variants })
    .from(media)
    .where(eq(media.id, logoMediaId))
    .limit(1)
  return logo
})
