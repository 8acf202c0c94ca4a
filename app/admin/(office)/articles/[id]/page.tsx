import type { Metadata } from 'next'
import Link from 'next/link'
import { forbidden, notFound } from 'next/navigation'
import { getArticleAdmin } from '@/db/queries/admin'
import { countRevisions, listCorrections } from '@/db/queries/revisions'
import { getSiteSettings } from '@/db/queries/settings'
import { saveArticleAction, suggestKeyPointsAction } from '../actions'
import { addCorrectionAction, openArticleAction } from './actions'
import { uploadFeaturedImageAction } from '../../media/actions'
import { ArticleEditor } from '@/components/admin/article-editor'
import { CorrectionForm } from '@/components/admin/correction-form.client'
import { OtherEditors } from '@/components/admin/other-editors.client'
import { summaryService } from '@/lib/abstractive'
import { requireStaff } from '@/services/auth'
import { can, canEditArticle, canPublishArticle } from '@/lib/permissions'
import { datePartsIn, formatDate, pad2 } from '@/lib/time'
import { articlePath } from '@/lib/urls'

export const metadata: Metadata = { title: 'Edit article' }

const messages: Record<string, string> = {
  draft: 'Draft saved.',
  pending: 'Submitted for review.',
  scheduled: 'Scheduled.',
  published: 'Published.',
  updated: 'Changes saved.',
  restored: 'Revision restored.',
  corrected: 'Correction added.',
  summary: 'Key points written by the summary service; they are kept as written until you change them.',
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
  const { timezone, locale } = await getSiteSettings()
  const revisionCount = await countRevisions(article.id)
  const corrections = article.status === 'published' ? await listCorrections(article.id) : []
  const mayCorrect = article.status === 'published' && canPublishArticle(user, article)
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
        <nav aria-label="About this article" className="flex flex-wrap gap-4 text-sm font-semibold">
          <Link href={`/admin/articles/${article.id}/preview/`} className="underline">
            Preview
          </Link>
          <Link href={`/admin/articles/${article.id}/revisions/`} className="underline">
            Revisions ({revisionCount})
          </Link>
          {article.status === 'published' && (
            <Link href={articlePath(article, timezone)} className="underline">
              View on site
            </Link>
          )}
        </nav>
      </div>
      <OtherEditors articleId={article.id} open={openArticleAction} />
      {saved === 'summary-failed' && (
        <p
          role="alert"
          className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          The summary service gave no key points; the automatic ones are kept. Try again later.
        </p>
      )}
      {saved && messages[saved] && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {messages[saved]}
        </p>
      )}
      <ArticleEditor
        action={saveArticleAction}
        uploadImage={uploadFeaturedImageAction}
        canPublish={canPublishArticle(user, article)}
        canChooseAuthor={can(user.role, 'articles.editOthers')}
        publication={
          (article.status === 'published' || article.status === 'scheduled') && article.publishedAt
            ? {
                status: article.status,
                when: publicationTime(article.publishedAt, timezone),
                path: articlePath(article, timezone),
              }
            : undefined
        }
        article={{
          id: article.id,
          title: article.title,
          slug: article.slug,
          standfirst: article.standfirst,
          body: article.body,
          categoryId: article.categoryId,
          secondaryCategoryIds: article.secondaryCategoryIds,
          tags: article.tagNames.join(', '),
          coAuthorIds: article.coAuthorIds,
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
          keyPoints: (article.keyPoints ?? []).join('\n'),
          keyPointsMode: article.keyPointsMode,
          status: article.status,
          scheduleAt:
            (article.status === 'scheduled' || article.status === 'published') && article.publishedAt
              ? local(article.publishedAt)
              : '',
          authorId: article.authorId,
        }}
      />
      {summaryService() && (
        <form action={suggestKeyPointsAction.bind(null, article.id)} className="mt-4 max-w-3xl text-sm">
          <button type="submit" className="btn-secondary">
            Write key points with the summary service
          </button>
          <span className="ml-2 text-zinc-600 dark:text-zinc-400">
            Uses the saved text; save your changes first. The automatic key points stay if it fails.
          </span>
        </form>
      )}
      {article.status === 'published' && (corrections.length > 0 || mayCorrect) && (
        <section
          id="corrections"
          aria-labelledby="corrections-heading"
          className="mt-8 max-w-3xl rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="corrections-heading" className="text-lg font-bold">
            Corrections
          </h2>
          {corrections.length > 0 ? (
            <ul className="mt-2 space-y-2 text-sm">
              {corrections.map((c) => (
                <li key={c.id}>
                  <time dateTime={c.createdAt.toISOString()} className="font-semibold">
                    {formatDate(c.createdAt, timezone, locale)}:
                  </time>{' '}
                  {c.body}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No corrections yet.</p>
          )}
          {mayCorrect && (
            <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
              <CorrectionForm articleId={article.id} action={addCorrectionAction} />
            </div>
          )}
        </section>
      )}
    </>
  )
}

/** "3 Dec 2026, 14:05" in the site's timezone, as the status box shows it. */
function publicationTime(instant: Date, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant)
}
