'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { deleteTag, mergeTags, renameTag, SlugTakenError } from '@/db/mutations/taxonomy'
import { staffAction } from '@/services/admin-action'
import { requireStaff } from '@/services/auth'
import { slugify } from '@/lib/slug'

// Where the list was, so the editor lands back on the same search and page.
const listState = {
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
}

function listUrl(state: { q?: string; page?: number }, done: string) {
  const params = new URLSearchParams({ done })
  if (state.q) params.set('q', state.q)
  if (state.page && state.page > 1) params.set('page', String(state.page))
  return `/admin/tags/?${params}`
}

const renameInput = z.object({
  ...listState,
  id: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, 'Give the tag a name.').max(60, 'Keep the name under 60 characters.'),
  slug: z
    .string()
    .trim()
    .max(60, 'Keep the slug under 60 characters.')
    .regex(/^[a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens only.'),
  description: z
    .string()
    .trim()
    .max(500, 'Keep the description under 500 characters.')
    .transform((v) => v || null),
})

export const renameTagAction = staffAction('taxonomy.manage', renameInput, async (input, user) => {
  const slug = input.slug || slugify(input.name, 60)
  if (!slug) return { fieldErrors: { slug: ['Enter a slug using letters or digits.'] } }
  try {
    const saved = await renameTag(input.id, { name: input.name, slug, description: input.description }, user.id)
    if (!saved) return { message: 'This tag no longer exists.' }
  } catch (error) {
    if (error instanceof SlugTakenError)
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: {
          slug: [`Another tag already uses the slug “${slug}”. Choose another, or merge the two tags.`],
        },
      }
    throw error
  }
  redirect(listUrl(input, 'saved'))
})

const mergeInput = z.object({
  ...listState,
  targetId: z.coerce.number({ error: 'Choose the tag to merge into.' }).int().positive('Choose the tag to merge into.'),
})

export const mergeTagsAction = staffAction('taxonomy.manage', mergeInput, async (input, user, formData) => {
  // Several ticked boxes share one name, which the wrapper's Object.fromEntries would collapse.
  const ids = z.array(z.coerce.number().int().positive()).max(1000).safeParse(formData.getAll('ids'))
  const sources = ids.success ? ids.data.filter((id) => id !== input.targetId) : []
  if (sources.length === 0)
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: { ids: ['Tick at least one tag other than the target.'] },
    }
  const merged = await mergeTags(sources, input.targetId, user.id)
  if (!merged) return { fieldErrors: { targetId: ['That tag no longer exists. Choose another.'] } }
  redirect(listUrl(input, 'merged'))
})

export async function deleteTagAction(id: number) {
  const user = await requireStaff('taxonomy.manage')
  await deleteTag(z.number().int().positive().parse(id), user.id)
  redirect('/admin/tags/?done=deleted')
}
