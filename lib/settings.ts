import { z } from 'zod'
import { socialNetworks } from './social-networks'
import { isValidTimeZone } from './time'

export { socialNetworks, type SocialNetwork } from './social-networks'

/** Moderation rules for reader comments; see docs/accounts.md. */
export const commentRulesSchema = z.object({
  // The first comment from an e-mail address that has none approved waits for a moderator.
  holdFirstComment: z.boolean().default(true),
  // More links than this holds the comment.
  maxLinks: z.number().int().min(0).max(50).default(2),
  // Words, e-mail addresses and IP addresses; a match sends the comment to spam.
  blocklist: z.array(z.string().trim().min(1).max(200)).max(2000).default([]),
  // A form sent back sooner than this after it was rendered is refused.
  minFillSeconds: z.number().int().min(0).max(600).default(3),
  // Comments per IP address and per account in a window of `rateWindowMinutes`.
  perIpLimit: z.number().int().min(1).max(1000).default(5),
  perAccountLimit: z.number().int().min(1).max(1000).default(10),
  rateWindowMinutes: z.number().int().min(1).max(1440).default(10),
  holdMachineNames: z.boolean().default(true),
  // Comments close this many days after publication; 0 keeps them open.
  closeAfterDays: z.number().int().min(0).max(3650).default(0),
})
export type CommentRules = z.infer<typeof commentRulesSchema>

// Only https web addresses: never javascript:, data: or a page that would load without TLS.
const socialLink = z.object({
  network: z.enum(socialNetworks),
  url: z.url({ protocol: /^https$/, hostname: z.regexes.domain }),
})

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
  social: z.array(socialLink).default([]),
  staff: z.array(z.object({ role: z.string(), name: z.string() })).default([]),
  registeredOffice: z.string().max(500).default(''),
  editorialOffice: z.string().max(500).default(''),
  copyright: z.string().max(300).default('© {year} Gazette'),
  logoMediaId: z.number().int().nullable().default(null),
  comments: commentRulesSchema.default(commentRulesSchema.parse({})),
  // Online database backups taken by the server; 0 hours turns them off.
  backupEveryHours: z.coerce.number().int().min(0).max(168).default(24),
  backupKeep: z.coerce.number().int().min(1).max(365).default(14),
})

export type SiteSettings = z.infer<typeof siteSettingsSchema>

/** Parses stored key/value rows, dropping any value that no longer validates in favour of its default. */
export function parseSiteSettings(rows: { key: string; value: unknown }[]): SiteSettings {
  const raw = Object.fromEntries(rows.map((r) => [r.key, r.value]))
  // A link stored by an import or by hand that no longer validates is dropped alone, not with the others.
  if (Array.isArray(raw.social)) raw.social = raw.social.filter((link) => socialLink.safeParse(link).success)
  const parsed = siteSettingsSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const clean = { ...raw }
  for (const issue of parsed.error.issues) delete clean[String(issue.path[0])]
  return siteSettingsSchema.parse(clean)
}
