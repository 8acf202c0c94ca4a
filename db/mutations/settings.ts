import { eq } from 'drizzle-orm'
import { type SiteSettings, siteSettingsSchema } from '@/lib/settings'
import { db, transaction } from '../client'
import { auditLog, settings } from '../schema'

function changedKeys(values: Partial<SiteSettings>) {
  return Object.keys(values).filter(
    (key): key is keyof SiteSettings =>
      key in siteSettingsSchema.shape && values[key as keyof SiteSettings] !== undefined,
  )
}

/**
 * Validates and stores the given settings, leaving the others untouched. Throws a ZodError on an
 * invalid value, so nothing is written unless every value is valid.
 */
export async function saveSiteSettings(values: Partial<SiteSettings>, actorId: number, now = new Date()) {
  const parsed = siteSettingsSchema.partial().parse(values)
  // partial() still fills in defaults, so only the keys that were given are written.
  const keys = changedKeys(values)
  await transaction(async () => {
    for (const key of keys) {
      const value = parsed[key]
      // The column cannot hold a JSON null; a missing row reads back as the null default.
      if (value === null) {
        await db.delete(settings).where(eq(settings.key, key))
        continue
      }
      await db
        .insert(settings)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
    }
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'update', entityType: 'settings', detail: keys.join(', '), createdAt: now })
  })
  return keys
}
