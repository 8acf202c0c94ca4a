import { eq } from 'drizzle-orm'
import { parseSiteSettings, type SiteSettings, siteSettingsSchema } from '@/lib/settings'
import type { Executor } from '../client'
import { auditLog, settings } from '../schema'

/** Site settings for write paths (queries/settings.ts is the cached, request-scoped read). */
export function readSiteSettings(db: Executor) {
  return parseSiteSettings(db.select({ key: settings.key, value: settings.value }).from(settings).all())
}

/**
 * Validates and stores the given settings, leaving the others untouched. Throws a ZodError on an
 * invalid value, so nothing is written unless every value is valid.
 */
export function saveSiteSettings(db: Executor, values: Partial<SiteSettings>, actorId: number, now = new Date()) {
  const parsed = siteSettingsSchema.partial().parse(values)
  // partial() still fills in defaults, so only the keys that were given are written.
  const keys = Object.keys(values).filter(
    (key): key is keyof SiteSettings =>
      key in siteSettingsSchema.shape && values[key as keyof SiteSettings] !== undefined,
  )
  db.transaction((tx) => {
    for (const key of keys) {
      const value = parsed[key]
      // The column cannot hold a JSON null; a missing row reads back as the null default.
      if (value === null) {
        tx.delete(settings).where(eq(settings.key, key)).run()
        continue
      }
      tx.insert(settings)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
        .run()
    }
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'update', entityType: 'settings', detail: keys.join(', '), createdAt: now })
      .run()
  })
  return keys
}
