import { parseSiteSettings } from '@/lib/settings'
import type { Executor } from '../client'
import { settings } from '../schema'

/** Site settings for write paths (queries/settings.ts is the cached, request-scoped read). */
export function readSiteSettings(db: Executor) {
  return parseSiteSettings(db.select({ key: settings.key, value: settings.value }).from(settings).all())
}
