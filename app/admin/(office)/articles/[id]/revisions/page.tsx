import type { Metadata } from 'next'
import Link from 'next/link'
import { forbidden, notFound } from 'next/navigation'
import { getRevision, listRevisions } from '@/db/queries/revisions'
import { getArticleAdmin } from '@/db/queries/admin'
import { getSiteSettings } from '@/db/queries/settings'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { requireStaff } from '@/services/auth'
import { type DiffPart, diffText, diffWords } from '@/lib/diff'
import { canEditArticle, canPublishArticle } from '@/lib/permissions'
import { formatDate, formatTime } from '@/lib/time'
import { restoreRevisionAction } from '../actions'

export const metadata: Metadata = { title: 'Revisions' }

export default async function ArticleRevisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ compare?: string }>
}) {
  const user = await requireStaff('articles.create')
  const { id } = await params
  if (!/^\d+$/.test(id)) notFound()
  const article = await getArticleAdmin(Number(id))
  if (!article) notFound()
  const mayEdit = canEditArticle(user, article)
  // A contributor whose piece is with the editors may still read its history.
  if (!mayEdit && article.authorId !== user.id) forbidden()
  const mayRestore =
    mayEdit && (article.status === 'draft' || article.status === 'pending' || canPublishArticle(user, article))

  const { compare } = await searchParams
  const compared = compare && /^\d+$/.test(compare) ? await getRevision(article.id, Number(compare)) : undefined
  if (compare !== undefined && !compared) notFound()
  const history = await listRevisions(article.id)
  const { timezone, locale } = await getSiteSettings()
  const when = (d: Date) => `${formatDate(d, timezone, locale)}, ${formatTime(d, timezone, locale)}`
  const number = (revisionId: number) => history.length - history.findIndex((r) => r.id === revisionId)
  const base = `/admin/articles/${article.id}/`

  return (
    <>
      <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Revisions</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{article.title}</p>
        </div>
        <Link href={base} className="text-sm font-semibold underline">
          Back to the editor
        </Link>
      </div>

      {compared && (
        <section
          aria-labelledby="compare-heading"
          className="mb-8 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex flex-wrap items-start justify-between gap-4">
            <div>
              <h2 id="compare-heading" className="text-lg font-bold">
                Revision {number(compared.id)} compared with the current version
              </h2>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                Saved <time dateTime={compared.createdAt.toISOString()}>{when(compared.createdAt)}</time>.{' '}
                <Del>Struck-through text</Del> is in this revision but not in the current version;{' '}
                <Ins>underlined text</Ins> is in the current version only.
              </p>
            </div>
            {mayRestore && (
              <form action={restoreRevisionAction.bind(null, article.id, compared.id)}>
                <SubmitButton variant="secondary">Restore this revision</SubmitButton>
              </form>
            )}
          </div>
          <dl className="mt-4 space-y-4">
            <DiffBlock label="Title" parts={diffText(compared.title, article.title)} />
            <DiffBlock label="Standfirst" parts={diffText(compared.standfirst, article.standfirst)} />
            <DiffBlock label="Body" parts={diffWords(compared.body, article.body)} />
          </dl>
          <p className="mt-4 text-sm">
            <Link href={`${base}revisions/`} className="underline">
              Close the comparison
            </Link>
          </p>
        </section>
      )}

      {history.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          No revisions yet: one is kept each time the title, standfirst or body is saved.
        </p>
      ) : (
        <ol aria-label="Revisions, newest first" className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {history.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-semibold">
                  Revision {number(r.id)}
                  {r.isCurrent && (
                    <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs font-medium dark:bg-zinc-700">
                      Current version
                    </span>
                  )}
                </p>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {r.userName ?? 'A former user'}, <time dateTime={r.createdAt.toISOString()}>{when(r.createdAt)}</time>
                  {' · '}
                  {r.title}
                </p>
              </div>
              {!r.isCurrent && (
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <Link
                    href={`${base}revisions/?compare=${r.id}`}
                    aria-current={compared?.id === r.id ? 'true' : undefined}
                    className="font-semibold underline"
                  >
                    Compare with current<span className="sr-only"> (revision {number(r.id)})</span>
                  </Link>
                  {mayRestore && (
                    <form action={restoreRevisionAction.bind(null, article.id, r.id)}>
                      <SubmitButton variant="secondary">
                        Restore this revision<span className="sr-only"> (revision {number(r.id)})</span>
                      </SubmitButton>
                    </form>
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

function Ins({ children }: { children: React.ReactNode }) {
  return (
    <ins className="rounded-sm bg-green-100 text-green-950 underline decoration-green-700 dark:bg-green-900 dark:text-green-50 dark:decoration-green-300">
      {children}
    </ins>
  )
}

function Del({ children }: { children: React.ReactNode }) {
  return (
    <del className="rounded-sm bg-red-100 text-red-950 line-through decoration-red-700 dark:bg-red-900 dark:text-red-50 dark:decoration-red-300">
      {children}
    </del>
  )
}

function DiffBlock({ label, parts }: { label: string; parts: DiffPart[] }) {
  const changed = parts.some((p) => p.added || p.removed)
  return (
    <div>
      <dt className="text-sm font-semibold">
        {label}
        {!changed && <span className="ml-2 font-normal text-zinc-600 dark:text-zinc-400">(no change)</span>}
      </dt>
      <dd className="mt-1 rounded border border-zinc-200 p-3 leading-relaxed whitespace-pre-wrap dark:border-zinc-800">
        {parts.length === 0 ? (
          <span className="text-zinc-600 dark:text-zinc-400">(empty)</span>
        ) : (
          parts.map((p, i) =>
            p.added ? (
              <Ins key={i}>{p.value}</Ins>
            ) : p.removed ? (
              <Del key={i}>{p.value}</Del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )
        )}
      </dd>
    </div>
  )
}
