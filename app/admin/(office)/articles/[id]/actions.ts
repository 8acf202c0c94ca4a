'use server'

import { forbidden, notFound, redirect } from 'next/navigation'
import { z } from 'zod'
import { db } from '@/db/client'
import { addCorrection } from '@/db/mutations/articles'
import { restoreRevision } from '@/db/mutations/revisions'
import { getArticleAdmin } from '@/db/queries/admin'
import { staffAction } from '@/services/admin-action'
import { requireStaff } from '@/services/auth'
import { canEditArticle, canPublishArticle } from '@/lib/permissions'

const id = z.number().int().positive()

/** Bound to one revision by the revisions page: `restoreRevisionAction.bind(null, articleId, revisionId)`. */
export async function restoreRevisionAction(articleId: number, revisionId: number) {
  const user = await requireStaff('articles.create')
  // Bound arguments still arrive from the client, so they are checked like any input.
  if (!id.safeParse(articleId).success || !id.safeParse(revisionId).success) notFound()
  const article = await getArticleAdmin(articleId)
  if (!article) notFound()
  if (!canEditArticle(user, article)) forbidden()
  // Restoring changes what readers see on a live article: the same right as updating it.
  if (article.status !== 'draft' && article.status !== 'pending' && !canPublishArticle(user, article)) forbidden()
  if (!restoreRevision(db, articleId, revisionId, user.id)) notFound()
  redirect(`/admin/articles/${articleId}/?saved=restored`)
}

const correctionInput = z.object({
  articleId: z.coerce.number().int().positive(),
  body: z
    .string()
    .trim()
    .min(5, 'Write at least 5 characters.')
    .max(1000, 'Keep the correction to 1000 characters or fewer.'),
})

export const addCorrectionAction = staffAction('articles.create', correctionInput, async (input, user) => {
  const article = await getArticleAdmin(input.articleId)
  if (!article) return { message: 'This article no longer exists.' }
  if (!canPublishArticle(user, article)) forbidden()
  if (article.status !== 'published') return { message: 'Corrections can only be added to a published article.' }
  addCorrection(db, article.id, input.body, user.id)
  redirect(`/admin/articles/${article.id}/?saved=corrected`)
})
