'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { listCategoriesAdmin } from '@/db/queries/admin-taxonomy'
import {
  CategoryCycleError,
  deleteCategory,
  insertCategory,
  reorderCategories,
  SlugTakenError,
  updateCategory,
} from '@/db/mutations/taxonomy'
import { staffAction } from '@/services/admin-action'
import { requireStaff } from '@/services/auth'
import { slugify } from '@/lib/slug'

const optionalId = z.union([z.literal(''), z.coerce.number().int().positive()]).transform((v) => (v === '' ? null : v))

const sectionInput = z.object({
  id: optionalId.optional(),
  name: z.string().trim().min(1, 'Give the section a name.').max(80, 'Keep the name under 80 characters.'),
  slug: z
    .string()
    .trim()
    .max(80, 'Keep the slug under 80 characters.')
    .regex(/^[a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens only.'),
  description: z
    .string()
    .trim()
    .max(500, 'Keep the description under 500 characters.')
    .transform((v) => v || null),
  parentId: optionalId,
  // Empty means last among its siblings.
  position: z.union([
    z.literal('').transform(() => Number.MAX_SAFE_INTEGER),
    z.coerce
      .number({ error: 'Enter a whole number, 0 for first.' })
      .int('Enter a whole number, 0 for first.')
      .min(0, 'Enter 0 or more; 0 is first.')
      .max(9999, 'Enter a smaller number.'),
  ]),
})

export const saveSectionAction = staffAction('taxonomy.manage', sectionInput, async (input, user) => {
  const slug = input.slug || slugify(input.name)
  if (!slug) return { fieldErrors: { slug: ['Enter a slug using letters or digits.'] } }
  const fields = {
    name: input.name,
    slug,
    description: input.description,
    parentId: input.parentId,
    position: input.position,
  }
  let id: number
  try {
    if (input.id) {
      const saved = await updateCategory(input.id, fields, user.id)
      if (!saved) return { message: 'This section no longer exists.' }
      id = saved.id
    } else {
      id = (await insertCategory(fields, user.id)).id
    }
  } catch (error) {
    if (error instanceof SlugTakenError)
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { slug: [`Another section already uses the slug “${slug}”. Choose another.`] },
      }
    if (error instanceof CategoryCycleError)
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { parentId: ['A section cannot sit inside itself or one of its subsections.'] },
      }
    throw error
  }
  redirect(`/admin/sections/?saved=${id}`)
})

export async function deleteSectionAction(id: number) {
  const user = await requireStaff('taxonomy.manage')
  await deleteCategory(z.number().int().positive().parse(id), user.id)
  redirect('/admin/sections/?deleted=1')
}

/** Swaps a section with its neighbour among its siblings. */
export async function moveSectionAction(id: number, direction: 'up' | 'down') {
  const user = await requireStaff('taxonomy.manage')
  const target = z.number().int().positive().parse(id)
  const step = z.enum(['up', 'down']).parse(direction) === 'up' ? -1 : 1
  const all = await listCategoriesAdmin()
  const section = all.find((c) => c.id === target)
  if (!section) redirect('/admin/sections/')
  const siblings = all.filter((c) => c.parentId === section.parentId).map((c) => c.id)
  const from = siblings.indexOf(target)
  const to = from + step
  if (to >= 0 && to < siblings.length) {
    siblings[from] = siblings[to]!
    siblings[to] = target
    await reorderCategories(siblings, user.id)
  }
  redirect(`/admin/sections/?saved=${target}`)
}
