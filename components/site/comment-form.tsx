import type { Reader } from '@/services/auth'
import { stampForm } from '@/lib/form-time'
import { ReaderName, ReaderSlot } from './reader-slot'

export type CommentDraft = { name?: string; email?: string; body?: string }

const field = 'input'

/**
 * The comment form: a plain POST to /comments/ (app/comments/route.ts), so it works without
 * JavaScript and a refusal comes back with a real status (400, 409, 429).
 *
 * Article pages are cached and shared, so nothing here may be personal for a signed-out reader; a
 * signed-in reader's name goes in from the front server (server/personal.ts). The render time
 * stamp is shared too: from a cached page it is older than the reader's visit, which only makes
 * the minimum fill time more lenient, never stricter (docs/accounts.md).
 */
export function CommentForm({
  articleId,
  reader,
  replyTo,
  draft = {},
  cancelHref,
  action = '/comments/',
}: {
  articleId: number
  reader?: Reader
  replyTo?: { id: number; authorName: string }
  draft?: CommentDraft
  cancelHref: string
  action?: string
}) {
  return (
    <form method="post" action={action} id="respond" className="mt-6 max-w-2xl scroll-mt-4 space-y-4">
      <h3 className="text-base font-bold">
        {replyTo ? `Reply to ${replyTo.authorName}` : 'Leave a comment'}
        {replyTo && (
          <>
            {' '}
            <a href={cancelHref} className="text-sm font-normal underline">
              Cancel reply
            </a>
          </>
        )}
      </h3>
      <input type="hidden" name="articleId" value={articleId} />
      {replyTo && <input type="hidden" name="parentId" value={replyTo.id} />}
      <input type="hidden" name="t" value={stampForm(`comment:${articleId}`)} />
      {reader ? (
        <CommentingAs name={reader.name} />
      ) : (
        <ReaderSlot slot="comment" variants={{ reader: <CommentingAs name={<ReaderName />} /> }}>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="comment-name" className="block text-sm font-medium">
                Name
              </label>
              <input
                id="comment-name"
                name="name"
                required
                maxLength={80}
                autoComplete="name"
                defaultValue={draft.name}
                className={field}
              />
            </div>
            <div>
              <label htmlFor="comment-email" className="block text-sm font-medium">
                Email
              </label>
              <input
                id="comment-email"
                name="email"
                type="email"
                required
                maxLength={254}
                autoComplete="email"
                aria-describedby="comment-email-hint"
                defaultValue={draft.email}
                className={field}
              />
              <p id="comment-email-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                Never published.
              </p>
            </div>
          </div>
        </ReaderSlot>
      )}
      {/* People never see this field; bots that fill every input do. */}
      <div className="hidden" aria-hidden="true">
        <label htmlFor="comment-website">Leave this field empty</label>
        <input id="comment-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div>
        <label htmlFor="comment-body" className="block text-sm font-medium">
          Comment
        </label>
        <textarea
          id="comment-body"
          name="body"
          required
          rows={5}
          maxLength={5000}
          aria-describedby="comment-body-hint"
          defaultValue={draft.body}
          className={field}
        />
        <p id="comment-body-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          Plain text; links are shown as links. New comments may wait for a moderator.
        </p>
      </div>
      <button type="submit" className="btn btn-primary">
        Post comment
      </button>
    </form>
  )
}

function CommentingAs({ name }: { name: React.ReactNode }) {
  return (
    <p className="text-sm text-zinc-700 dark:text-zinc-300">
      Commenting as <strong>{name}</strong>.
    </p>
  )
}
