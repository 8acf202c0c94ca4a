'use server'

import { TZDate } from '@date-fns/tz'
import { forbidden, redirect } from 'next/navigation'
import { z } from 'zod'
import {
  cleanKeyPoints,
  deleteArticle as deleteArticleRow,
  saveArticle,
  setKeyPoints,
  SlugTakenError,
  type Transition,
} from '@/db/mutations/articles'
import { getBylineAuthorAdmin } from '@/db/queries/admin'
import { getArticleSaveState, getArticleSummarySource } from '@/db/queries/editor'
import { getSiteSettings } from '@/db/queries/settings'
import { abstractiveKeyPoints, summaryService, SummaryServiceError } from '@/lib/abstractive'
import { staffAction } from '@/services/admin-action'
import { requireStaff } from '@/services/auth'
import { type Actor, can, canEditArticle, canPublishArticle } from '@/lib/permissions'
import { publicationTransition } from '@/lib/publication-time'
import { slugify } from '@/lib/slug'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
const checkbox = z.literal('on').optional().transform(Boolean)
const optionalId = z.union([z.literal(''), z.coerce.number().int().positive()]).transform((v) => (v === '' ? null : v))

const articleInput = z.object({
  id: z.union([z.literal(''), z.coerce.number().int().positive()]).optional(),
  intent: z.enum(['save', 'autosave', 'submit', 'publish', 'schedule', 'unpublish']),
  title: z.string().trim().min(3, 'Give the article a title of at least 3 characters.').max(200),
  slug: z
    .string()
    .trim()
    .max(120)
    .regex(/^[a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens only.'),
  standfirst: z.string().trim().max(400),
  body: z.string().max(500_000),
  categoryId: optionalId,
  tags: z.string().max(1000),
  featuredImageId: optionalId,
  authorId: optionalId.optional(),
  imageAlt: optionalText(300),
  imageCaption: optionalText(500),
  imageCredit: optionalText(200),
  sourceUrl: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Enter a full http(s) address.' })])
    .transform((v) => v || null),
  sourceName: optionalText(120),
  isBreaking: checkbox,
  isFeatured: checkbox,
  seoTitle: optionalText(200),
  seoDescription: optionalText(320),
  keyPointsMode: z.enum(['auto', 'edited', 'off']).default('auto'),
  keyPoints: z.string().max(4000, 'Keep the key points under 4,000 characters.').default(''),
  scheduleAt: z.string().trim().optional(),
})

const secondarySections = z.array(z.coerce.number().int().positive()).max(20)

/** The repeated coAuthorIds fields of the form (Object.fromEntries keeps only the last). */
function coAuthorIds(formData: FormData) {
  return formData
    .getAll('coAuthorIds')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 10)
}

/**
 * The primary author the form asks for, checked: only editors and admins put someone else on the
 * byline (authors and contributors keep themselves). Undefined leaves the author as it is.
 */
async function chosenAuthor(authorId: number | null | undefined, current: number, user: Actor) {
  if (!authorId || authorId === current) return undefined
  if (!can(user.role, 'articles.editOthers')) forbidden()
  return (await getBylineAuthorAdmin(authorId)) ? authorId : 'unknown'
}

/** "2026-11-23T09:30" typed in the site's timezone, as an instant. */
function parseLocalDateTime(value: string, timeZone: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!m) return null
  const [, y, mo, d, h, mi] = m.map(Number) as number[]
  return new Date(new TZDate(y!, mo! - 1, d!, h!, mi!, timeZone).getTime())
}

export const saveArticleAction = staffAction('articles.create', articleInput, async (input, user, formData) => {
  const existing = input.id ? await getArticleSaveState(input.id) : undefined
  if (input.id && !existing) return { message: 'This article no longer exists.' }
  const ownership = existing ?? { authorId: user.id, status: 'draft' as const }
  if (!canEditArticle(user, ownership)) forbidden()
  // Autosave only ever touches a draft that already exists: it must not create or change anything live.
  if (input.intent === 'autosave' && existing?.status !== 'draft')
    return { message: 'Only saved drafts are autosaved.' }
  const publishing =
    ['publish', 'schedule', 'unpublish'].includes(input.intent) ||
    (existing && existing.status !== 'draft' && existing.status !== 'pending')
  if (publishing && !canPublishArticle(user, ownership)) forbidden()
  // Checkboxes repeat one name, which the schema's Object.fromEntries collapses: validated here.
  const secondary = secondarySections.safeParse(formData.getAll('secondaryCategoryIds'))
  if (!secondary.success)
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: { secondaryCategoryIds: ['Choose at most 20 sections from the list.'] },
    }
  const byline = await chosenAuthor(input.authorId, ownership.authorId, user)
  if (byline === 'unknown')
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: { authorId: ['Choose an author from the list.'] },
    }

  const now = new Date()
  // Settings by content version: a changed timezone bumps it, so this is as fresh as a direct read.
  const { timezone } = await getSiteSettings()
  const chosenAt = input.scheduleAt ? parseLocalDateTime(input.scheduleAt, timezone) : null
  if (input.scheduleAt && !chosenAt)
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: { scheduleAt: ['Enter a date and a time.'] },
    }
  const next = publicationTransition(input.intent, existing, chosenAt, now)
  if ('error' in next) return { message: next.error, fieldErrors: { scheduleAt: [next.error] } }
  const transition: Transition = next

  // Points typed or changed while "Automatic" is chosen are the editor's: they are kept as written.
  const typedPoints = cleanKeyPoints(input.keyPoints.split('\n'))
  const storedPoints = cleanKeyPoints(existing?.keyPoints ?? [])
  const keyPointsMode =
    input.keyPointsMode === 'auto' && typedPoints.length > 0 && typedPoints.join('\n') !== storedPoints.join('\n')
      ? 'edited'
      : input.keyPointsMode
  if (keyPointsMode === 'edited' && typedPoints.length === 0)
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: { keyPoints: ['Write at least one key point, or choose Automatic or Off.'] },
    }

  const slug = input.slug || slugify(input.title)
  if (!slug) return { fieldErrors: { slug: ['Enter a slug using letters or digits.'] } }
  let saved: Awaited<ReturnType<typeof saveArticle>>
  try {
    saved = await saveArticle({
      id: input.id || undefined,
      actorId: user.id,
      transition,
      fields: {
        title: input.title,
        slug,
        standfirst: input.standfirst,
        body: input.body,
        categoryId: input.categoryId,
        // The primary section is never also a secondary one.
        secondaryCategoryIds: secondary.data.filter((id) => id !== input.categoryId),
        tagNames: input.tags.split(','),
        coAuthorIds: coAuthorIds(formData),
        authorId: byline,
        featuredImageId: input.featuredImageId,
        imageAlt: input.imageAlt,
        imageCaption: input.imageCaption,
        imageCredit: input.imageCredit,
        sourceUrl: input.sourceUrl,
        sourceName: input.sourceName,
        isBreaking: input.isBreaking,
        isFeatured: input.isFeatured,
        seoTitle: input.seoTitle,
        seoDescription: input.seoDescription,
        keyPointsMode,
        keyPoints: typedPoints,
      },
    })
  } catch (error) {
    if (error instanceof SlugTakenError)
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { slug: [`Another article already uses the slug “${slug}”. Choose another.`] },
      }
    throw error
  }
  if (input.intent === 'autosave') return { message: undefined, autosavedAt: now.toISOString() }
  redirect(`/admin/articles/${saved.id}/?saved=${input.intent === 'save' && existing ? 'updated' : transition.status}`)
})

export async function deleteArticleAction(id: number) {
  const user = await requireStaff('articles.delete')
  await deleteArticleRow(id, user.id)
  redirect('/admin/articles/')
}

/** Asks the configured summary service for key points of the saved text; the local ones stay on failure. */
export async function suggestKeyPointsAction(id: number) {
  const user = await requireStaff('articles.create')
  const article = await getArticleSummarySource(id)
  if (!article) redirect('/admin/articles/')
  if (!canEditArticle(user, article)) forbidden()
  const service = summaryService()
  let outcome = 'summary-failed'
  if (service && article.text.trim()) {
    try {
      const points = await abstractiveKeyPoints(service, article)
      await setKeyPoints(id, points, user.id, 'summary service')
      outcome = 'summary'
    } catch (error) {
      if (!(error instanceof SummaryServiceError)) throw error
      console.error(`Summary service for article ${id}: ${error.message}`)
    }
  }
  redirect(`/admin/articles/${id}/?saved=${outcome}`)
}
