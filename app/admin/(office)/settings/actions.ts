'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { saveSiteSettings } from '@/db/mutations/settings'
import { staffAction } from '@/services/admin-action'
import { commentRulesSchema, siteSettingsSchema, type SiteSettings, socialNetworks } from '@/lib/settings'
import { isValidTimeZone } from '@/lib/time'

const optionalUrl = z
  .union([
    z.literal(''),
    z.url({
      protocol: /^https$/,
      hostname: z.regexes.domain,
      error: 'Enter a full https:// address, or leave it empty.',
    }),
  ])
  .optional()

// Browsers submit textarea line breaks as CRLF.
const multiline = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((v) => v.replace(/\r\n?/g, '\n'))

function isValidLocale(locale: string) {
  try {
    return Intl.getCanonicalLocales(locale).length === 1
  } catch {
    return false
  }
}

const staffLines = z
  .string()
  .max(5000, 'Keep the staff list under 5,000 characters.')
  .transform((text, ctx) => {
    const staff: SiteSettings['staff'] = []
    for (const [i, raw] of text.split(/\r?\n/).entries()) {
      const line = raw.trim()
      if (!line) continue
      const colon = line.indexOf(':')
      const role = line.slice(0, colon).trim()
      const name = line.slice(colon + 1).trim()
      if (colon < 0 || !role || !name) {
        ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: write it as “Role: Name”.` })
        return z.NEVER
      }
      staff.push({ role, name })
    }
    return staff
  })

const settingsInput = z.object({
  name: z.string().trim().min(1, 'Enter the site name.').max(120, 'Keep the name under 120 characters.'),
  tagline: z.string().trim().max(200, 'Keep the tagline under 200 characters.'),
  description: multiline(300, 'Keep the description under 300 characters.'),
  timezone: z
    .string()
    .trim()
    .refine((v) => v !== '' && isValidTimeZone(v), 'Enter an IANA timezone name, e.g. Asia/Kolkata.'),
  locale: z.string().trim().refine(isValidLocale, 'Enter a language tag, e.g. en-IN.'),
  postsPerPage: z.coerce
    .number({ error: 'Enter a whole number from 1 to 50.' })
    .int('Enter a whole number from 1 to 50.')
    .min(1, 'Enter a whole number from 1 to 50.')
    .max(50, 'Enter a whole number from 1 to 50.'),
  phone: z.string().trim().max(60, 'Keep the phone number under 60 characters.'),
  email: z.union([z.literal(''), z.email('Enter a valid e-mail address, or leave it empty.')]),
  ...Object.fromEntries(socialNetworks.map((n) => [`social_${n}`, optionalUrl])),
  staff: staffLines,
  registeredOffice: multiline(500, 'Keep the address under 500 characters.'),
  editorialOffice: multiline(500, 'Keep the address under 500 characters.'),
  copyright: z.string().trim().max(300, 'Keep the copyright line under 300 characters.'),
  logoMediaId: z.union([z.literal(''), z.coerce.number().int().positive()]).transform((v) => (v === '' ? null : v)),
  backupEveryHours: z.coerce
    .number({ error: 'Enter a whole number of hours from 0 to 168.' })
    .int('Enter a whole number of hours from 0 to 168.')
    .min(0, 'Enter a whole number of hours from 0 to 168.')
    .max(168, 'Enter a whole number of hours from 0 to 168.'),
  backupKeep: z.coerce
    .number({ error: 'Enter a whole number from 1 to 365.' })
    .int('Enter a whole number from 1 to 365.')
    .min(1, 'Enter a whole number from 1 to 365.')
    .max(365, 'Enter a whole number from 1 to 365.'),
})

export const saveSettingsAction = staffAction('settings.manage', settingsInput, async (input, user) => {
  const form = input as typeof input & Record<string, string | undefined>
  const values: Partial<SiteSettings> = {
    name: input.name,
    tagline: input.tagline,
    description: input.description,
    timezone: input.timezone,
    locale: input.locale,
    postsPerPage: input.postsPerPage,
    phone: input.phone,
    email: input.email,
    social: socialNetworks.flatMap((network) => {
      const url = form[`social_${network}`]
      return url ? [{ network, url }] : []
    }),
    staff: input.staff,
    registeredOffice: input.registeredOffice,
    editorialOffice: input.editorialOffice,
    copyright: input.copyright,
    logoMediaId: input.logoMediaId,
    backupEveryHours: input.backupEveryHours,
    backupKeep: input.backupKeep,
  }
  const saved = siteSettingsSchema.partial().safeParse(values)
  if (!saved.success) {
    // The stored schema is the last word; map whatever it still refuses onto the form's fields.
    const fieldErrors: Record<string, string[]> = {}
    for (const issue of saved.error.issues) {
      const key =
        issue.path[0] === 'social' ? `social_${values.social?.[Number(issue.path[1])]?.network}` : String(issue.path[0])
      ;(fieldErrors[key] ??= []).push(issue.message)
    }
    return { message: 'Please correct the highlighted fields.', fieldErrors }
  }
  await saveSiteSettings(values, user.id)
  redirect('/admin/settings/?saved=1')
})

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: `Enter a whole number from ${min} to ${max}.` })
    .int(`Enter a whole number from ${min} to ${max}.`)
    .min(min, `Enter a whole number from ${min} to ${max}.`)
    .max(max, `Enter a whole number from ${min} to ${max}.`)

const commentRulesInput = z.object({
  holdFirstComment: z.literal('on').optional(),
  holdMachineNames: z.literal('on').optional(),
  maxLinks: wholeNumber(0, 50),
  minFillSeconds: wholeNumber(0, 600),
  perIpLimit: wholeNumber(1, 1000),
  perAccountLimit: wholeNumber(1, 1000),
  rateWindowMinutes: wholeNumber(1, 1440),
  closeAfterDays: wholeNumber(0, 3650),
  blocklist: z
    .string()
    .max(100_000, 'Keep the blocklist under 100,000 characters.')
    .transform((text) => [
      ...new Set(
        text
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
      ),
    ])
    .refine((lines) => lines.length <= 2000, 'Keep the blocklist under 2,000 entries.')
    .refine((lines) => lines.every((l) => l.length <= 200), 'Keep each entry under 200 characters.'),
})

export const saveCommentRulesAction = staffAction('settings.manage', commentRulesInput, async (input, user) => {
  const comments = commentRulesSchema.parse({
    ...input,
    holdFirstComment: input.holdFirstComment === 'on',
    holdMachineNames: input.holdMachineNames === 'on',
  })
  await saveSiteSettings({ comments }, user.id)
  redirect('/admin/settings/?saved=1#comment-rules-heading')
})
