'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { banCommentAuthors, CommentNotInTrashError, deleteComments, setCommentStatus } from '@/db/mutations/comments'
import { commentStatuses } from '@/db/schema'
import { staffAction } from '@/services/admin-action'

const moderationInput = z.object({
  bulk: z.enum(['approved', 'pending', 'spam', 'trash', 'delete', 'ban']),
  status: z.enum(commentStatuses).catch('pending'),
})

const selectedIds = z.array(z.coerce.number().int().positive()).max(500)

// The page maps these codes back to text, so the URL never carries free text that the page would echo.
const errorCodes: Record<string, string> = {
  'Select at least one comment.': 'none-selected',
  'Only comments in the trash can be deleted permanently.': 'not-in-trash',
}

const moderate = staffAction('comments.moderate', moderationInput, async (input, user, formData) => {
  const ids = selectedIds.safeParse(formData.getAll('ids'))
  if (!ids.success) return { message: 'The selection is not valid.' }
  if (ids.data.length === 0) return { message: 'Select at least one comment.' }
  let changed: number
  if (input.bulk === 'ban') {
    // Moderators may ban: it adds to the blocklist, which only administrators edit in settings.
    await banCommentAuthors(ids.data, user.id)
    changed = ids.data.length
  } else if (input.bulk === 'delete') {
    try {
      changed = await deleteComments(ids.data, user.id)
    } catch (error) {
      if (error instanceof CommentNotInTrashError)
        return { message: 'Only comments in the trash can be deleted permanently.' }
      throw error
    }
  } else {
    changed = await setCommentStatus(ids.data, input.bulk, user.id)
  }
  redirect(`/admin/comments/?status=${input.status}&done=${input.bulk}&count=${changed}`)
})

/** The bulk form's action: a plain server form has no useActionState, so errors travel in the URL. */
export async function moderateComments(formData: FormData): Promise<void> {
  const result = await moderate({}, formData)
  if (result.message) {
    const status = moderationInput.shape.status.parse(formData.get('status'))
    redirect(`/admin/comments/?status=${status}&error=${errorCodes[result.message] ?? 'invalid'}`)
  }
}
