import type { Metadata } from 'next'
import Link from 'next/link'
import { getDashboardAdmin } from '@/db/queries/admin'
import { requireStaff } from '@/services/auth'

export const metadata: Metadata = { title: 'Dashboard' }

function List({
  title,
  items,
  empty,
}: {
  title: string
  items: { id: number; title: string; note: string }[]
  empty: string
}) {
  return (
    <section
      aria-labelledby={`dash-${title}`}
      className="rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={`dash-${title}`} className="mb-3 font-bold">
        {title}
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {items.map((i) => (
            <li key={i.id}>
              <Link href={`/admin/articles/${i.id}/`} className="font-medium hover:underline">
                {i.title}
              </Link>{' '}
              <span className="text-zinc-600 dark:text-zinc-400">{i.note}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export default async function DashboardPage() {
  const user = await requireStaff()
  const d = await getDashboardAdmin(user)
  const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '')
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Dashboard</h1>
        <Link href="/admin/articles/new/" className="btn btn-primary">
          New article
        </Link>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <List
          title="Awaiting review"
          empty="Nothing is waiting for review."
          items={d.pending.map((a) => ({ id: a.id, title: a.title, note: `by ${a.authorName}` }))}
        />
        <List
          title="Scheduled"
          empty="Nothing is scheduled."
          items={d.scheduled.map((a) => ({ id: a.id, title: a.title, note: when(a.publishedAt) }))}
        />
        <List
          title="Drafts"
          empty="No drafts."
          items={d.drafts.map((a) => ({ id: a.id, title: a.title, note: `by ${a.authorName}` }))}
        />
        {d.pendingCommentCount > 0 && (
          <section
            aria-labelledby="dash-comments"
            className="rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h2 id="dash-comments" className="mb-3 font-bold">
              Comments awaiting moderation ({d.pendingCommentCount})
            </h2>
            <ul className="space-y-2 text-sm">
              {d.pendingComments.map((c) => (
                <li key={c.id}>
                  <span className="font-medium">{c.authorName}</span> on {c.articleTitle}:{' '}
                  <span className="text-zinc-600 dark:text-zinc-400">{c.body.slice(0, 80)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  )
}
