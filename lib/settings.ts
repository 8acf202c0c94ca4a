import { z } from 'zod'
import { isValidTimeZone } from './time'

const socialNetworks = ['facebook', 'x', 'instagram', 'youtube', 'linkedin'] as const

/** Everything the reader site shows about the publication; editable in /admin settings. */
export const siteSettingsSchema = z.object({
  name: z.string().trim().min(1).max(120).default('Gazette'),
  tagline: z.string().trim().max(200).default(''),
  description: z.string().trim().max(300).default(''),
  timezone: z.string().refine(isValidTimeZone, 'Unknown timezone').default('Asia/Kolkata'),
  locale: z.string().default('en-IN'),
  postsPerPage: z.coerce.number().int().min(1).max(50).default(10),
  phone: z.string().trim().max(60).default(''),
  email: z.union([z.email(), z.literal('')]).default(''),
  social: z.array(z.object({ network: z.enum(socialNetworks), url: z.url() })).default([]),
  staff: z.array(z.object({ role: z.string(), name: z.string() })).default([]),
  registeredOffice: z.string().max(500).default(''),
  editorialOffice: z.string().max(500).default(''),
  copyright: z.string().max(300).default('© {year} Gazette'),
  logoMediaId: z.number().int().nullable().default(null),
  // Online database backups taken by the server; 0 hours turns them off.
  backupEveryHours: z.coerce.number().int().min(0).max(168).default(24),
  backupKeep: z.coerce.number().int().min(1).max(365).default(14),
})

export type SiteSettings = z.infer<typeof siteSettingsSchema>
export type SocialNetwork = (typeof socialNetworks)[number]

/** Parses stored key/value rows, dropping any value that no longer validates in favour of its default. */
export function parseSiteSettings(rows: { key: string; value: unknown }[]): SiteSettings {
  const raw = Object.fromEntries(rows.map((r) => [r.key, r.value]))
  const parsed = siteSettingsSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const clean = { ...raw }
  for (const issue of parsed.error.issues) delete clean[String(issue.path[0])]
  return siteSettingsSchema.parse(clean)
}
