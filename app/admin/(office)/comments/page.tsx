import type { Metadata } from 'next'
import Link from 'next/link'
import { countCommentsByStatusAdmin, listCommentsAdmin } from '@/db/queries/admin-comments'
import { getSiteSettings } from '@/db/queries/settings'
import { type CommentStatus, commentStatuses } from '@/db/schema'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { requireStaff } from '@/services/auth'
import { formatDate, formatTime } from '@/lib/time'
import { articlePath } from '@/lib/urls'
import { moderateComments } from './actions'
import { DataTable } from '@/components/ui/data-table'
import { Pager } from '@/components/admin/pager'

export const metadata: Metadata = { title: 'Comments' }

type Search = Promise<Record<string, string | undefined>>

const tabLabels: Record<CommentStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
}

const doneLabels: Record<string, string> = {
  approved: 'approved',
  pending: 'moved back to pending',
  spam: 'marked as spam',
  trash: 'moved to trash',
  delete: 'deleted permanently',
  ban: 'marked as spam, their authors’ e-mail and IP addresses blocked',
}

const errors: Record<string, string> = {
  'none-selected': 'Select at least one comment.',
  'not-in-trash': 'Only comments in the trash can be deleted permanently.',
  invalid: 'That action could not be carried out. Please try again.',
}

export default async function CommentsAdminPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('comments.moderate')
  const sp = await searchParams
  const status = commentStatuses.includes(sp.status as CommentStatus) ? (sp.status as CommentStatus) : 'pending'
  const page = /^[1-9]\d{0,5}$/.test(sp.page ?? '') ? Number(sp.page) : 1
  const [{ rows, total, pageCount }, counts] = await Promise.all([
    listCommentsAdmin({ status, page }),
    countCommentsByStatusAdmin(),
  ])
  const { timezone, locale } = await getSiteSettings()
  const href = (s: CommentStatus, p = 1) => `/admin/comments/?status=${s}${p > 1 ? `&page=${p}` : ''}`
  const doneCount = /^\d{1,6}$/.test(sp.count ?? '') ? Number(sp.count) : undefined
  const done = sp.done && doneLabels[sp.done] && doneCount !== undefined ? doneLabels[sp.done] : undefined
  const error = sp.error ? errors[sp.error] : undefined

  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Comments</h1>
      <nav aria-label="Comment status" className="mb-6">
        <ul className="flex flex-wrap gap-2 text-sm">
          {commentStatuses.map((s) => (
            <li key={s}>
              <Link
                href={href(s)}
                aria-current={s === status ? 'page' : undefined}
                className={`inline-block rounded px-3 py-1.5 ${
                  s === status
                    ? 'bg-zinc-900 font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900'
                    : 'border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800'
                }`}
              >
                {tabLabels[s]} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {done && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {doneCount === 0
            ? 'No comments changed.'
            : `${doneCount} ${doneCount === 1 ? 'comment' : 'comments'} ${done}.`}
        </p>
      )}
      {error && (
        <p
          role="alert"
          className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No {tabLabels[status].toLowerCase()} comments.</p>
      ) : (
        <form action={moderateComments}>
          <input type="hidden" name="status" value={status} />
          <div className="mb-3 flex flex-wrap gap-2" role="group" aria-label="Bulk actions">
            {status !== 'approved' && (
              <SubmitButton name="bulk" value="approved">
                Approve
              </SubmitButton>
            )}
            {status === 'approved' && (
              <SubmitButton name="bulk" value="pending" variant="secondary">
                Unapprove
              </SubmitButton>
            )}
            {status !== 'spam' && (
              <SubmitButton name="bulk" value="spam" variant="secondary">
                Mark as spam
              </SubmitButton>
            )}
            {status !== 'trash' && (
              <SubmitButton name="bulk" value="trash" variant="secondary">
                Move to trash
              </SubmitButton>
            )}
            <SubmitButton name="bulk" value="ban" variant="danger">
              Ban author
            </SubmitButton>
            {status === 'trash' && (
              <SubmitButton name="bulk" value="delete" variant="danger">
                Delete permanently
              </SubmitButton>
            )}
          </div>
          <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
            {total} {total === 1 ? 'comment' : 'comments'}
          </p>
          <DataTable
            caption={`${tabLabels[status]} comments`}
            rows={rows}
            alignTop
            columns={[
              {
                header: <span className="sr-only">Select</span>,
                pad: 'py-2 pr-3',
                cell: (c) => (
                  <>
                    <label htmlFor={`comment-${c.id}`} className="sr-only">
                      Select comment by {c.authorName}
                    </label>
                    <input id={`comment-${c.id}`} type="checkbox" name="ids" value={c.id} className="mt-1 size-4" />
                  </>
                ),
              },
              {
                header: 'Author',
                cell: (c) => (
                  <>
                    <div className="font-medium break-all">{c.authorName}</div>
                    {c.authorEmail && <div className="break-all text-zinc-600 dark:text-zinc-400">{c.authorEmail}</div>}
                    {c.ip && <div className="text-xs text-zinc-500">{c.ip}</div>}
                  </>
                ),
              },
              {
                header: 'Comment',
                className: 'max-w-prose',
                cell: (c) => (
                  <>
                    {c.parentId !== null && (
                      <div className="mb-1 text-xs text-zinc-500">In reply to comment #{c.parentId}</div>
                    )}
                    <p className="break-words whitespace-pre-line">{c.body}</p>
                  </>
                ),
              },
              {
                header: 'Article',
                cell: (c) =>
                  c.articleStatus === 'published' && c.articlePublishedAt ? (
                    <Link
                      href={articlePath({ slug: c.articleSlug, publishedAt: c.articlePublishedAt }, timezone)}
                      className="hover:underline"
                    >
                      {c.articleTitle}
                    </Link>
                  ) : (
                    <>
                      <Link href={`/admin/articles/${c.articleId}/`} className="hover:underline">
                        {c.articleTitle}
                      </Link>{' '}
                      <span className="text-xs text-zinc-500">(not published)</span>
                    </>
                  ),
              },
              {
                header: 'Date',
                className: 'whitespace-nowrap',
                cell: (c) => (
                  <time dateTime={c.createdAt.toISOString()}>
                    {formatDate(c.createdAt, timezone, locale)}
                    <br />
                    {formatTime(c.createdAt, timezone, locale)}
                  </time>
                ),
              },
            ]}
          />
        </form>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => href(status, p)} />
    </>
  )
}
