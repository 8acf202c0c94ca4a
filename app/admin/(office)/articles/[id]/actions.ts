'use server'

import { forbidden, notFound, redirect } from 'next/navigation'
import { z } from 'zod'
import { addCorrection } from '@/db/mutations/articles'
import { recordArticleOpen, restoreRevision } from '@/db/mutations/revisions'
import { getArticleAdmin } from '@/db/queries/admin'
import { listRecentEditors } from '@/db/queries/revisions'
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
  if (!(await restoreRevision(articleId, revisionId, user.id))) notFound()
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
  await addCorrection(article.id, input.body, user.id)
  redirect(`/admin/articles/${article.id}/?saved=corrected`)
})

/**
 * Called by the open editor once it is on screen: notes that this user has the article open (a
 * write, so not done while rendering the page) and answers who else has it open.
 */
export async function openArticleAction(articleId: number) {
  const user = await requireStaff('articles.create')
  if (!id.safeParse(articleId).success) notFound()
  const article = await getArticleAdmin(articleId)
  if (!article) notFound()
  if (!canEditArticle(user, article)) forbidden()
  await recordArticleOpen(article.id, user.id)
  return listRecentEditors(article.id, user.id)
}
