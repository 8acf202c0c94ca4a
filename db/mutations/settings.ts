import { eq } from 'drizzle-orm'
import { parseSiteSettings, type SiteSettings, siteSettingsSchema } from '@/lib/settings'
import { db, type Executor, transaction } from '../client'
import { auditLog, settings } from '../schema'

/**
 * @deprecated Read with `readSiteSettings()` from db/queries/settings.ts. This synchronous twin
 * stays only for the callers still inside synchronous transactions (db/mutations/{articles,
 * comments,wordpress}.ts, services/wordpress, db/queries/redirects.ts) until they move to `transaction()`.
 */
export function readSiteSettings(executor: Executor) {
  return parseSiteSettings(executor.select({ key: settings.key, value: settings.value }).from(settings).all())
}

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

/**
 * @deprecated Use `await saveSiteSettings(...)`. The synchronous twin for db/mutations/comments.ts
 * while its ban still runs in a synchronous transaction; remove it once that one moves to `transaction()`.
 */
export function saveSiteSettingsIn(
  executor: Executor,
  values: Partial<SiteSettings>,
  actorId: number,
  now = new Date(),
) {
  const parsed = siteSettingsSchema.partial().parse(values)
  const keys = changedKeys(values)
  for (const key of keys) {
    const value = parsed[key]
    if (value === null) {
      executor.delete(settings).where(eq(settings.key, key)).run()
      continue
    }
    executor
      .insert(settings)
      .values({ key, value, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
      .run()
  }
  executor
    .insert(auditLog)
    .values({ userId: actorId, action: 'update', entityType: 'settings', detail: keys.join(', '), createdAt: now })
    .run()
  return keys
}
