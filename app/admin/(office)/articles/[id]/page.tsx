import type { Metadata } from 'next'
import Link from 'next/link'
import { forbidden, notFound } from 'next/navigation'
import { getArticleAdmin } from '@/db/queries/admin'
import { getSiteSettings } from '@/db/queries/settings'
import { ArticleEditor } from '@/components/admin/article-editor'
import { requireStaff } from '@/lib/auth'
import { canEditArticle, canPublishArticle } from '@/lib/permissions'
import { datePartsIn, pad2 } from '@/lib/time'
import { articlePath } from '@/lib/urls'

export const metadata: Metadata = { title: 'Edit article' }

const messages: Record<string, string> = {
  draft: 'Draft saved.',
  pending: 'Submitted for review.',
  scheduled: 'Scheduled.',
  published: 'Published.',
  updated: 'Changes saved.',
}

export default async function EditArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ saved?: string }>
}) {
  const user = await requireStaff('articles.create')
  const { id } = await params
  if (!/^\d+$/.test(id)) notFound()
  const article = await getArticleAdmin(Number(id))
  if (!article) notFound()
  if (!canEditArticle(user, article)) forbidden()
  const { saved } = await searchParams
  const { timezone } = getSiteSettings()
  const local = (d: Date) => {
    const p = datePartsIn(d, timezone)
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(d)
    return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${time}`
  }
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Edit article</h1>
        {article.status === 'published' && (
          <Link href={articlePath(article, timezone)} className="text-sm font-semibold underline">
            View on site
          </Link>
        )}
      </div>
      {saved && messages[saved] && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {messages[saved]}
        </p>
      )}
      <ArticleEditor
        canPublish={canPublishArticle(user, article)}
        article={{
          id: article.id,
          title: article.title,
          slug: article.slug,
          standfirst: article.standfirst,
          body: article.body,
          categoryId: article.categoryId,
          tags: article.tagNames.join(', '),
          featuredImageId: article.featuredImageId,
          imageAlt: article.imageAlt ?? '',
          imageCaption: article.imageCaption ?? '',
          imageCredit: article.imageCredit ?? '',
          sourceUrl: article.sourceUrl ?? '',
          sourceName: article.sourceName ?? '',
          isBreaking: article.isBreaking,
          isFeatured: article.isFeatured,
          seoTitle: article.seoTitle ?? '',
          seoDescription: article.seoDescription ?? '',
          status: article.status,
          scheduleAt: article.status === 'scheduled' && article.publishedAt ? local(article.publishedAt) : '',
        }}
      />
    </>
  )
}
