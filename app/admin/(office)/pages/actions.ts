'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { deletePage, insertPage, ReservedSlugError, SlugTakenError, updatePage } from '@/db/mutations/pages'
import { staffAction } from '@/services/admin-action'
import { requireStaff } from '@/services/auth'
import { slugify } from '@/lib/slug'

const pageInput = z.object({
  id: z.union([z.literal(''), z.coerce.number().int().positive()]).optional(),
  title: z.string().trim().min(1, 'Give the page a title.').max(200, 'Keep the title under 200 characters.'),
  slug: z
    .string()
    .trim()
    .max(80, 'Keep the slug under 80 characters.')
    .regex(/^[a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens only.'),
  body: z.string().max(500_000, 'The body is too long.'),
  status: z.enum(['draft', 'published'], { error: 'Choose Draft or Published.' }),
  inTopNav: z.literal('on').optional().transform(Boolean),
  position: z.union([
    z.literal('').transform(() => 0),
    z.coerce
      .number({ error: 'Enter a whole number, 0 for first.' })
      .int('Enter a whole number, 0 for first.')
      .min(0, 'Enter 0 or more; 0 is first.')
      .max(9999, 'Enter a smaller number.'),
  ]),
  seoDescription: z
    .string()
    .trim()
    .max(320, 'Keep the description under 320 characters.')
    .transform((v) => v || null),
})

export const savePageAction = staffAction('pages.manage', pageInput, async (input, user) => {
  const slug = input.slug || slugify(input.title)
  if (!slug) return { fieldErrors: { slug: ['Enter a slug using letters or digits.'] } }
  const fields = {
    title: input.title,
    slug,
    body: input.body,
    status: input.status,
    inTopNav: input.inTopNav,
    position: input.position,
    seoDescription: input.seoDescription,
  }
  let id: number
  try {
    if (input.id) {
      const saved = await updatePage(input.id, fields, user.id)
      if (!saved) return { message: 'This page no longer exists.' }
      id = saved.id
    } else {
      id = (await insertPage(fields, user.id)).id
    }
  } catch (error) {
    if (error instanceof ReservedSlugError)
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { slug: [`“${slug}” is reserved for the site’s own addresses. Choose another slug.`] },
      }
    if (error instanceof SlugTakenError)
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { slug: [`Another page already uses the slug “${slug}”. Choose another.`] },
      }
    throw error
  }
  redirect(`/admin/pages/${id}/?saved=1`)
})

export async function deletePageAction(id: number) {
  const user = await requireStaff('pages.manage')
  await deletePage(z.number().int().positive().parse(id), user.id)
  redirect('/admin/pages/?deleted=1')
}
