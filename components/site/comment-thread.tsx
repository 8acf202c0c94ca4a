import type { CommentNode } from '@/db/queries/comments'
import { maxCommentDepth } from '@/lib/comments'
import { formatDate, formatTime } from '@/lib/time'

const urlPattern = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g

/** Comment text is plain; links become anchors marked as user-generated and not endorsed. */
function CommentBody({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para, i) => (
        // A single line break is kept, as WordPress shows one (addresses, verse, lists typed by hand).
        <p key={i} className="whitespace-pre-line">
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

type ThreadProps = { timeZone: string; locale: string; replyBase?: string }

function CommentItem({ comment, depth, ...props }: ThreadProps & { comment: CommentNode; depth: number }) {
  const { timeZone, locale, replyBase } = props
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
        {replyBase && depth < maxCommentDepth && (
          <p className="mt-1 text-sm">
            <a href={`${replyBase}?replyto=${comment.id}#respond`} rel="nofollow" className="underline">
              Reply<span className="sr-only"> to {comment.authorName}</span>
            </a>
          </p>
        )}
      </article>
      {comment.replies.length > 0 && (
        <ol className="mt-4 ml-4 space-y-4 sm:ml-8">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} depth={depth + 1} {...props} />
          ))}
        </ol>
      )}
    </li>
  )
}

/** Threaded comments; with `replyBase` (the article's path) each comment up to the depth limit gets a Reply link. */
export function CommentThread({ roots, ...props }: ThreadProps & { roots: CommentNode[] }) {
  return (
    <ol className="space-y-6">
      {roots.map((c) => (
        <CommentItem key={c.id} comment={c} depth={1} {...props} />
      ))}
    </ol>
  )
}
