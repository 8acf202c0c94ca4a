import { listArchiveMonths, listLatestArticles } from '@/db/queries/articles'
import { listCategoriesWithCounts } from '@/db/queries/categories'
import { listRecentComments } from '@/db/queries/comments'
import { getSiteSettings } from '@/db/queries/settings'
import { foldArchive } from '@/lib/archive'
import { formatMonth } from '@/lib/time'
import { archivePath, articlePath, categoryPath } from '@/lib/urls'

function Widget({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="border-t-4 border-zinc-900 pt-3 dark:border-zinc-200">
      <h2 id={id} className="mb-3 text-sm font-bold tracking-wide uppercase">
        {title}
      </h2>
      {children}
    </section>
  )
}

const link = 'hover:text-brand-700 hover:underline dark:hover:text-amber-300'

export async function Sidebar() {
  const { timezone, locale } = await getSiteSettings()
  const recent = await listLatestArticles(5)
  const comments = await listRecentComments(5)
  const categories = (await listCategoriesWithCounts()).filter((c) => c.count > 0)
  const archive = foldArchive(await listArchiveMonths(timezone))
  return (
    <aside aria-label="Sidebar" className="space-y-8">
      <Widget id="sidebar-recent" title="Recent Posts">
        <ul className="space-y-2 text-sm">
          {recent.map((a) => (
            <li key={a.id}>
              <a href={articlePath(a, timezone)} className={link}>
                {a.title}
              </a>
            </li>
          ))}
        </ul>
      </Widget>
      <Widget id="sidebar-comments" title="Recent Comments">
        {comments.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No comments yet.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {comments.map((c) => (
              <li key={c.id}>
                <span className="font-semibold">{c.authorName}</span> on{' '}
                <a
                  href={`${articlePath({ slug: c.articleSlug, publishedAt: c.publishedAt }, timezone)}#comment-${c.id}`}
                  className={link}
                >
                  {c.articleTitle}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Widget>
      <Widget id="sidebar-categories" title="Categories">
        <ul className="space-y-1 text-sm">
          {categories.map((c) => (
            <li key={c.id} className={c.parentId ? 'pl-4' : undefined}>
              <a href={categoryPath(c.slug)} className={link}>
                {c.name}
              </a>{' '}
              <span className="text-zinc-600 dark:text-zinc-400">({c.count})</span>
            </li>
          ))}
        </ul>
      </Widget>
      <Widget id="sidebar-archives" title="Archives">
        <ul className="space-y-1 text-sm">
          {archive.months.map((m) => (
            <li key={`${m.year}-${m.month}`}>
              <a href={archivePath(m.year, m.month)} className={link}>
                {formatMonth(m.year, m.month, locale)}
              </a>{' '}
              <span className="text-zinc-600 dark:text-zinc-400">({m.count})</span>
            </li>
          ))}
          {archive.years.map((y) => (
            <li key={y.year}>
              <a href={archivePath(y.year)} className={link}>
                {y.year}
              </a>{' '}
              <span className="text-zinc-600 dark:text-zinc-400">({y.count})</span>
            </li>
          ))}
        </ul>
      </Widget>
    </aside>
  )
}
