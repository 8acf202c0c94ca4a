'use server'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { db } from '@/db/client'
import { removeFromList, saveToList } from '@/db/mutations/readers'
import { getPublishedArticleForReader } from '@/db/queries/account'
import { currentReader } from '@/lib/auth'
import { safeNext } from '@/lib/reader'

const saveInput = z.object({
  articleId: z.coerce.number().int().positive(),
  intent: z.enum(['save', 'remove']).catch('save'),
  back: z.string().max(2000).catch('/'),
})

/**
 * The Save button on articles and cards. A plain form post: without JavaScript the page reloads;
 * with it, the redirect back re-renders the page in place. Signed-out readers go to sign in and
 * the article is saved on the way back (app/(account)/actions.ts finishSignIn).
 */
export async function toggleSaveAction(formData: FormData) {
  const parsed = saveInput.safeParse(Object.fromEntries(formData))
  if (!parsed.success) redirect('/')
  const { articleId, intent } = parsed.data
  // Back to the page the button was on (a card on the front page), else to the article itself.
  const referer = (await headers()).get('referer')
  const origin = referer ? new URL(referer) : undefined
  const host = (await headers()).get('host')
  const back =
    origin && origin.host === host ? safeNext(origin.pathname + origin.search, '/') : safeNext(parsed.data.back, '/')
  const reader = await currentReader()
  if (!reader) redirect(`/signin/?next=${encodeURIComponent(back)}&save=${articleId}`)
  if (intent === 'remove') removeFromList(db, reader.id, articleId)
  else if (getPublishedArticleForReader(articleId)) saveToList(db, reader.id, articleId)
  redirect(back)
}
