import type { ArticleView as Article } from '@/db/queries/articles'
import { formatDate, formatTime } from '@/lib/time'
import { authorPath, categoryPath, tagPath } from '@/lib/urls'
import { CategoryLabel } from './article-card'
import { Picture } from './picture'

/** An article as readers see it: the reader page and the staff preview share it. */
export function ArticleView({ article, timeZone, locale }: { article: Article; timeZone: string; locale: string }) {
  const timezone = timeZone
  const publishedAt = article.publishedAt
  const updated = !!publishedAt && article.updatedAt.getTime() - publishedAt.getTime() > 60 * 60 * 1000
  return (
    <article>
      <header>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <CategoryLabel category={article.category} />
          {article.secondarySections.length > 0 && (
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              Also in:{' '}
              {article.secondarySections.map((s, i) => (
                <span key={s.id}>
                  {i > 0 && ', '}
                  <a href={categoryPath(s.slug)} className="font-semibold underline underline-offset-2">
                    {s.name}
                  </a>
                </span>
              ))}
            </p>
          )}
        </div>
        <h1 className="mt-2 font-serif text-3xl leading-tight font-black sm:text-5xl">{article.title}</h1>
        {article.standfirst && <p className="mt-3 text-xl text-zinc-700 dark:text-zinc-300">{article.standfirst}</p>}
        <p className="mt-4 text-sm text-zinc-700 dark:text-zinc-300">
          {publishedAt ? (
            <>
              Posted on{' '}
              <time dateTime={publishedAt.toISOString()}>
                {formatDate(publishedAt, timezone, locale)}, {formatTime(publishedAt, timezone, locale)}
              </time>
            </>
          ) : (
            'Not published yet'
          )}{' '}
          By{' '}
          {article.authors.map((a, i) => (
            <span key={a.id}>
              {i > 0 && (i === article.authors.length - 1 ? ' and ' : ', ')}
              {a.slug ? (
                <a href={authorPath(a.slug)} rel="author" className="font-semibold hover:underline">
                  {a.name}
                </a>
              ) : (
                <span className="font-semibold">{a.name}</span>
              )}
            </span>
          ))}
          {updated && (
            <>
              {' · Updated '}
              <time dateTime={article.updatedAt.toISOString()}>
                {formatDate(article.updatedAt, timezone, locale)}, {formatTime(article.updatedAt, timezone, locale)}
              </time>
            </>
          )}
        </p>
      </header>

      {article.image && (
        <figure className="mt-6">
          <Picture
            image={article.image}
            alt={article.image.alt}
            priority
            sizes="(min-width: 1024px) 860px, 100vw"
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

      <KeyPoints points={article.keyPoints} mode={article.keyPointsMode} />

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
                  <a
                    href={tagPath(t.slug)}
                    rel="tag"
                    className="inline-block border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </footer>
    </article>
  )
}

/** The key points box: a plain <details>, so readers fold it away without any JavaScript. */
function KeyPoints({ points, mode }: { points: string[] | null; mode: 'auto' | 'edited' | 'off' }) {
  if (mode === 'off' || !points?.length) return null
  return (
    <details
      open
      className="group mt-8 border-l-4 border-zinc-900 bg-zinc-50 p-4 dark:border-zinc-100 dark:bg-zinc-900"
    >
      <summary className="cursor-pointer font-bold">Key points</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {points.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
      {mode === 'auto' && (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Selected automatically from the article text, not written by an editor.
        </p>
      )}
    </details>
  )
}
