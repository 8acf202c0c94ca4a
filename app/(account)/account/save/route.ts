import { z } from 'zod'
import { removeFromList, saveToList } from '@/db/mutations/readers'
import { getPublishedArticleForReader } from '@/db/queries/account'
import { currentReader } from '@/services/auth'
import { safeNext, savedReturnPath } from '@/services/reader'
import { answeringWriteFailures } from '@/lib/write-failure'

const saveInput = z.object({
  articleId: z.coerce.number().int().positive(),
  intent: z.enum(['save', 'remove']).catch('save'),
  back: z.string().max(2000).catch('/'),
  anchor: z.string().max(40).optional().catch(undefined),
})

const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } })

/**
 * The Save button on articles and cards: a plain form post, so it works without JavaScript on
 * cached pages. Signed out, it sends the reader to sign in, and the article is saved on the way
 * back (app/(account)/actions.ts finishSignIn). Then back to the page the button was on, at the
 * card or article it belongs to, which confirms (components/site/save-button.tsx).
 */
export async function POST(request: Request) {
  const host = request.headers.get('host')
  const origin = request.headers.get('origin')
  if (origin && URL.parse(origin)?.host !== host) return new Response('Cross-site request refused', { status: 403 })
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return new Response('The form could not be read.', { status: 400 })
  }
  // The button's address carries the article and the way back; the form, which button was pressed.
  // A page cached before the address did (a shared cache keeps pages a while) sends them as fields.
  const parsed = saveInput.safeParse({
    ...Object.fromEntries(new URL(request.url).searchParams),
    ...Object.fromEntries(form),
  })
  if (!parsed.success) return new Response('The form could not be read.', { status: 400 })
  const { articleId, intent, anchor } = parsed.data
  // Back to the page the button was on (a card on the front page), else to the article itself.
  const referer = URL.parse(request.headers.get('referer') ?? '')
  const back =
    referer && referer.host === host
      ? safeNext(referer.pathname + referer.search, '/')
      : safeNext(parsed.data.back, '/')
  const reader = await currentReader()
  if (!reader)
    return seeOther(`/signin/?next=${encodeURIComponent(savedReturnPath(back, 'saved', anchor))}&save=${articleId}`)
  return answeringWriteFailures('reading list', async () => {
    if (intent === 'remove') await removeFromList(reader.id, articleId)
    else if (await getPublishedArticleForReader(articleId)) await saveToList(reader.id, articleId)
    return seeOther(savedReturnPath(back, intent === 'remove' ? 'removed' : 'saved', anchor))
  })
}
