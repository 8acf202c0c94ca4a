import type { CommentNode } from '@/db/queries/comments'
import { formatDate, formatTime } from '@/lib/time'

const urlPattern = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g

/** Comment text is plain; links become anchors marked as user-generated and not endorsed. */
function CommentBody({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>
          {para.split(urlPattern).map((part, j) =>
            j % 2 === 1 ? (
              <a key={j} href={part} rel="nofollow ugc noopener" className="break-all underline">
                {part}
              </a>
            ) : (
              part
            ),
          )}
        </p>
      ))}
    </>
  )
}

function CommentItem({ comment, timeZone, locale }: { comment: CommentNode; timeZone: string; locale: string }) {
  return (
    <li id={`comment-${comment.id}`} className="scroll-mt-4">
      <article
        className="border-l-2 border-zinc-200 pl-4 dark:border-zinc-700"
        aria-label={`Comment by ${comment.authorName}`}
      >
        <header className="text-sm">
          <span className="font-semibold">{comment.authorName}</span>{' '}
          <time dateTime={comment.createdAt.toISOString()} className="text-zinc-600 dark:text-zinc-400">
            {formatDate(comment.createdAt, timeZone, locale)} at {formatTime(comment.createdAt, timeZone, locale)}
          </time>
        </header>
        <div className="mt-1 space-y-2 text-zinc-800 dark:text-zinc-200">
          <CommentBody text={comment.body} />
        </div>
      </article>
      {comment.replies.length > 0 && (
        <ol className="mt-4 ml-4 space-y-4 sm:ml-8">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} timeZone={timeZone} locale={locale} />
          ))}
        </ol>
      )}
    </li>
  )
}

export function CommentThread({ roots, timeZone, locale }: { roots: CommentNode[]; timeZone: string; locale: string }) {
  return (
    <ol className="space-y-6">
      {roots.map((c) => (
        <CommentItem key={c.id} comment={c} timeZone={timeZone} locale={locale} />
      ))}
    </ol>
  )
}
