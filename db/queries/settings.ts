import 'server-only'
import { cache } from 'react'
import { parseSiteSettings } from '@/lib/settings'
import { db } from '../client'
import { settings } from '../schema'

export const getSiteSettings = cache(() => {
  const rows = db.select({ key: settings.key, value: settings.value }).from(settings).all()
  return parseSiteSettings(rows)
})
