import type { Metadata } from 'next'
import Link from 'next/link'
import { forbidden, notFound } from 'next/navigation'
import { getArticlePreviewAdmin } from '@/db/queries/admin'
import { getSiteSettings } from '@/db/queries/settings'
import { ArticleView } from '@/components/site/article-view'
import { requireStaff } from '@/services/auth'
import { canEditArticle } from '@/lib/permissions'
import { formatDate, formatTime } from '@/lib/time'
import { articlePath } from '@/lib/urls'

export const metadata: Metadata = { title: 'Preview', robots: { index: false, follow: false } }

export default async function ArticlePreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireStaff('articles.create')
  const { id } = await params
  if (!/^\d+$/.test(id)) notFound()
  const article = await getArticlePreviewAdmin(Number(id))
  if (!article) notFound()
  // Authors may preview their own piece even while it sits with the editors.
  if (!canEditArticle(user, article) && article.authorId !== user.id) forbidden()
  const { timezone, locale } = await getSiteSettings()
  const when = (d: Date) => `${formatDate(d, timezone, locale)}, ${formatTime(d, timezone, locale)}`
  const live = article.status === 'published'

  return (
    <>
      <div className="mb-8 flex flex-wrap items-center justify-between gap-3 border-2 border-amber-500 bg-amber-100 p-3 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50">
        <p>
          <strong>{live ? 'Preview — published' : 'Preview — not published'}</strong>
          <span className="ml-2 text-sm">
            Status: {article.status}
            {article.status === 'scheduled' && article.publishedAt && `, goes live ${when(article.publishedAt)}`}
          </span>
        </p>
        <p className="flex gap-4 text-sm font-semibold">
          {live && (
            <Link href={articlePath(article, timezone)} className="underline">
              View on site
            </Link>
          )}
          <Link href={`/admin/articles/${article.id}/`} className="underline">
            Back to the editor
          </Link>
        </p>
      </div>

      <div className="mx-auto max-w-3xl">
        <ArticleView article={article} timeZone={timezone} locale={locale} />
      </div>
    </>
  )
}
