import { z } from 'zod'
import { postComment, replyDepth } from '@/db/mutations/comments'
import { getAccountProfile, getPublishedArticleForReader } from '@/db/queries/account'
import { getSiteSettings } from '@/db/queries/settings'
import { currentReader } from '@/services/auth'
import { judgeComment } from '@/lib/comment-rules'
import { commentsClosed, maxCommentDepth } from '@/lib/comments'
import { formAge, stampForm } from '@/lib/form-time'
import { clientIp, limitAttempt } from '@/services/reader'
import { articlePath } from '@/lib/urls'
import {
  reportWriteFailure,
  reportWriteSuccess,
  retryAfterSeconds,
  writeFailureMessage,
  writeFailureOf,
} from '@/lib/write-failure'

const text = (max: number) => z.string().trim().max(max)

const commentInput = z.object({
  articleId: z.coerce.number().int().positive(),
  parentId: z.union([z.literal(''), z.coerce.number().int().positive()]).optional(),
  name: text(80).optional(),
  email: text(254).optional(),
  body: z.string().max(5000).optional(),
  website: z.string().max(500).optional(),
  t: z.string().max(100).optional(),
})

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

type Draft = { articleId: number; parentId?: number; name: string; email: string; body: string; signedIn: boolean }

/**
 * A refusal the reader can act on: a real status, the reason, and the form again with what they
 * typed. A plain page, because a route handler answers this form (server actions cannot set a status).
 */
async function refusal(
  status: number,
  message: string,
  back: string,
  draft?: Draft,
  extraHeaders: Record<string, string> = {},
) {
  // The site's name is read from the database, which may be the very thing that failed.
  const site = await getSiteSettings().then(
    (settings) => settings.name,
    () => undefined,
  )
  const form = draft
    ? `<form method="post" action="/comments/">
  <input type="hidden" name="articleId" value="${draft.articleId}">
  ${draft.parentId ? `<input type="hidden" name="parentId" value="${draft.parentId}">` : ''}
  <input type="hidden" name="t" value="${escape(stampForm(`comment:${draft.articleId}`))}">
  ${
    draft.signedIn
      ? ''
      : `<p><label for="comment-name">Name</label><input id="comment-name" name="name" required maxlength="80" autocomplete="name" value="${escape(draft.name)}"></p>
  <p><label for="comment-email">Email</label><input id="comment-email" name="email" type="email" required maxlength="254" autocomplete="email" value="${escape(draft.email)}"></p>`
  }
  <div hidden><label for="comment-website">Leave this field empty</label><input id="comment-website" name="website" tabindex="-1" autocomplete="off"></div>
  <p><label for="comment-body">Comment</label><textarea id="comment-body" name="body" required rows="6" maxlength="5000">${escape(draft.body)}</textarea></p>
  <p><button type="submit">Post comment</button></p>
</form>`
    : ''
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Your comment was not posted${site ? ` | ${escape(site)}` : ''}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#18181b;background:#fff}
label{display:block;font-weight:600}input,textarea{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #71717a;font:inherit}
button{padding:.5rem 1rem;background:#1d4ed8;color:#fff;border:0;font:inherit;font-weight:600;cursor:pointer}
.error{border:1px solid #fca5a5;background:#fef2f2;color:#7f1d1d;padding:.75rem}a{color:#1d4ed8}</style></head>
<body><main id="main"><h1>Your comment was not posted</h1>
<p class="error" role="alert">${escape(message)}</p>
${form}
<p><a href="${escape(back)}">Back to the article</a></p></main></body></html>`
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...extraHeaders },
  })
}

export async function POST(request: Request) {
  // Browsers send Origin with every form post; one from another site is refused (no cross-site posting).
  const origin = request.headers.get('origin')
  if (origin && URL.parse(origin)?.host !== request.headers.get('host'))
    return refusal(403, 'Comments can only be sent from this site.', '/')
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return refusal(400, 'The form could not be read.', '/')
  }
  const parsed = commentInput.safeParse(Object.fromEntries(form))
  if (!parsed.success) return refusal(400, 'The form was not complete. Please go back and try again.', '/')
  const input = parsed.data
  try {
    return await accept(request, input)
  } catch (error) {
    // The database failed before the article was read (a server that cannot be reached): the
    // reader's words come back all the same, with the site's front page as the way back.
    const reason = writeFailureOf(error)
    if (!reason) throw error
    reportWriteFailure(reason, 'comments')
    return refusal(503, writeFailureMessage(reason), '/', draftOf(input, false), {
      'Retry-After': String(retryAfterSeconds),
    })
  }
}

/** What the reader sent, to give back in the form when the comment is refused. */
function draftOf(input: z.infer<typeof commentInput>, signedIn: boolean): Draft {
  return {
    articleId: input.articleId,
    parentId: typeof input.parentId === 'number' ? input.parentId : undefined,
    name: input.name ?? '',
    email: input.email ?? '',
    body: (input.body ?? '').replace(/\r\n?/g, '\n').trim(),
    signedIn,
  }
}

async function accept(request: Request, input: z.infer<typeof commentInput>) {
  const article = await getPublishedArticleForReader(input.articleId)
  if (!article) return refusal(404, 'This article is not available.', '/')
  const settings = await getSiteSettings()
  const back = articlePath(article, settings.timezone)
  const rules = settings.comments

  const reader = await currentReader()
  const profile = reader ? await getAccountProfile(reader.id) : undefined
  const draft = draftOf(input, !!profile)

  if (commentsClosed(article, rules.closeAfterDays)) return refusal(403, 'Comments on this article are closed.', back)

  try {
    const ip = await clientIp()
    const limit = await limitAttempt('comment', ip, profile ? `user:${profile.id}` : undefined, {
      perIp: rules.perIpLimit,
      perAccount: rules.perAccountLimit,
      windowMs: rules.rateWindowMinutes * 60 * 1000,
    })
    if (!limit.ok) {
      const minutes = Math.ceil(limit.retryAfterSeconds / 60)
      return refusal(
        429,
        `You have posted too many comments in a short time. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
        back,
        draft,
        { 'Retry-After': String(limit.retryAfterSeconds) },
      )
    }

    const name = profile ? profile.name : draft.name
    const email = profile ? profile.email : draft.email
    const problems: string[] = []
    if (!name) problems.push('Enter your name.')
    if (!profile && !z.email().safeParse(email).success) problems.push('Enter a valid e-mail address.')
    if (!draft.body) problems.push('Write a comment.')
    if (/<[a-z!/?][^>]*>/i.test(draft.body)) problems.push('Comments are plain text: leave out HTML tags.')
    if (problems.length > 0) return refusal(400, problems.join(' '), back, draft)

    const parentId = draft.parentId ?? null
    const depth = await replyDepth(article.id, parentId)
    if (depth === 0) return refusal(400, 'The comment you are replying to is not available.', back, draft)
    if (depth > maxCommentDepth) return refusal(400, `Replies nest ${maxCommentDepth} deep at most.`, back, draft)

    const age = formAge(`comment:${article.id}`, input.t)
    if (age === undefined) return refusal(400, 'The form has expired. Please send your comment again.', back, draft)

    const { verdict, id } = await postComment(
      {
        articleId: article.id,
        parentId,
        userId: profile?.id ?? null,
        name,
        email,
        body: draft.body,
        ip,
        userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
      },
      { honeypot: input.website ?? '', elapsedSeconds: age / 1000 },
      (candidate) => judgeComment(rules, candidate),
    )
    if (verdict.kind === 'reject') return refusal(verdict.status, verdict.message, back, draft)
    reportWriteSuccess()
    const location = verdict.status === 'approved' ? `${back}#comment-${id}` : `${back}?comment=held#comments-heading`
    return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } })
  } catch (error) {
    // A full disk or a read-only database: the reader gets the form back with their words and a
    // 503 that says to try again later, instead of a server error that loses them.
    const reason = writeFailureOf(error)
    if (!reason) throw error
    reportWriteFailure(reason, 'comments')
    return refusal(503, writeFailureMessage(reason), back, draft, { 'Retry-After': String(retryAfterSeconds) })
  }
}
