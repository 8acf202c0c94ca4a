import type { Metadata } from 'next'
import Link from 'next/link'
import { forbidden, notFound } from 'next/navigation'
import { db } from '@/db/client'
import { getArticlePreview } from '@/db/mutations/revisions'
import { getSiteSettings } from '@/db/queries/settings'
import { CategoryLabel } from '@/components/site/article-card'
import { Picture } from '@/components/site/picture'
import { requireStaff } from '@/lib/auth'
import { canEditArticle } from '@/lib/permissions'
import { formatDate, formatTime } from '@/lib/time'
import { articlePath, authorPath, tagPath } from '@/lib/urls'

export const metadata: Metadata = { title: 'Preview', robots: { index: false, follow: false } }

export default async function ArticlePreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireStaff('articles.create')
  const { id } = await params
  if (!/^\d+$/.test(id)) notFound()
  const article = getArticlePreview(db, Number(id))
  if (!article) notFound()
  // Authors may preview their own piece even while it sits with the editors.
  if (!canEditArticle(user, article) && article.authorId !== user.id) forbidden()
  const { timezone, locale } = getSiteSettings()
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

      <article className="mx-auto max-w-3xl">
        <header>
          <CategoryLabel category={article.category} />
          <h1 className="mt-2 font-serif text-3xl leading-tight font-black sm:text-5xl">{article.title}</h1>
          {article.standfirst && <p className="mt-3 text-xl text-zinc-700 dark:text-zinc-300">{article.standfirst}</p>}
          <p className="mt-4 text-sm text-zinc-700 dark:text-zinc-300">
            {article.publishedAt ? (
              <>
                Posted on <time dateTime={article.publishedAt.toISOString()}>{when(article.publishedAt)}</time>
              </>
            ) : (
              'Not published yet'
            )}{' '}
            By{' '}
            {article.authors.map((a, i) => (
              <span key={a.id}>
                {i > 0 && (i === article.authors.length - 1 ? ' and ' : ', ')}
                {a.slug ? (
                  <Link href={authorPath(a.slug)} rel="author" className="font-semibold hover:underline">
                    {a.name}
                  </Link>
                ) : (
                  <span className="font-semibold">{a.name}</span>
                )}
              </span>
            ))}
          </p>
        </header>

        {article.image && (
          <figure className="mt-6">
            <Picture
              image={article.image}
              alt={article.image.alt}
              priority
              sizes="(min-width: 768px) 768px, 100vw"
              className="w-full"
            />
            {(article.image.caption || article.image.credit) && (
              <figcaption className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
                {article.image.caption}
                {article.image.credit && (
                  <span className="ml-1 text-xs tracking-wide uppercase">{article.image.credit}</span>
                )}
              </figcaption>
            )}
          </figure>
        )}

        {/* The body was sanitized with an allow-list when it was saved. */}
        <div
          className="prose prose-lg mt-8 max-w-none prose-zinc dark:prose-invert prose-headings:font-serif"
          dangerouslySetInnerHTML={{ __html: article.body }}
        />

        {article.sourceUrl && (
          <p className="mt-6 text-sm">
            Source:{' '}
            <a href={article.sourceUrl} rel="noopener nofollow" className="font-semibold underline">
              {article.sourceName ?? new URL(article.sourceUrl).hostname}
            </a>
          </p>
        )}

        {article.corrections.length > 0 && (
          <section
            aria-labelledby="corrections-heading"
            className="mt-8 border-l-4 border-amber-500 bg-amber-50 p-4 dark:bg-amber-950/40"
          >
            <h2 id="corrections-heading" className="font-bold">
              Corrections
            </h2>
            <ul className="mt-2 space-y-2 text-sm">
              {article.corrections.map((c) => (
                <li key={c.id}>
                  <time dateTime={c.createdAt.toISOString()} className="font-semibold">
                    {formatDate(c.createdAt, timezone, locale)}:
                  </time>{' '}
                  {c.body}
                </li>
              ))}
            </ul>
          </section>
        )}

        <footer className="mt-8 space-y-3 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
          {article.category && (
            <p>
              Posted in <CategoryLabel category={article.category} />
            </p>
          )}
          {article.tags.length > 0 && (
            <div className="flex flex-wrap items-center gap-2">
              <span>Tags:</span>
              <ul className="flex flex-wrap gap-2">
                {article.tags.map((t) => (
                  <li key={t.id}>
                    <Link
                      href={tagPath(t.slug)}
                      rel="tag"
                      className="inline-block border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                    >
                      {t.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </footer>
      </article>
    </>
  )
}
