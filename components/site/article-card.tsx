import type { ArticleCard as Card } from '@/db/queries/articles'
import { formatDate } from '@/lib/time'
import { articlePath, categoryPath } from '@/lib/urls'
import { Picture } from './picture'
import { SaveButton, saveAnchor } from './save-button'

type Variant = 'lead' | 'standard' | 'compact' | 'row'

export function CategoryLabel({ category }: { category: Card['category'] }) {
  if (!category) return null
  return (
    <a
      href={categoryPath(category.slug)}
      className="inline-block bg-brand-700 px-2 py-0.5 text-xs font-semibold tracking-wide text-white uppercase hover:bg-brand-800"
    >
      {category.name}
    </a>
  )
}

export function ArticleCard({
  article,
  variant = 'standard',
  timeZone,
  locale,
  priority = false,
  headingLevel = 3,
}: {
  article: Card
  variant?: Variant
  timeZone: string
  locale: string
  priority?: boolean
  headingLevel?: 2 | 3
}) {
  const href = articlePath(article, timeZone)
  const anchor = saveAnchor(article.id)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const date = (
    <time dateTime={article.publishedAt.toISOString()} className="text-xs text-zinc-600 dark:text-zinc-400">
      {formatDate(article.publishedAt, timeZone, locale)}
    </time>
  )

  if (variant === 'compact') {
    return (
      <article id={anchor} className="flex scroll-mt-4 gap-3">
        {article.image && (
          <a href={href} tabIndex={-1} aria-hidden="true" className="shrink-0">
            <Picture image={article.image} alt="" sizes="96px" className="aspect-[4/3] w-24 object-cover" />
          </a>
        )}
        <div className="min-w-0">
          <Heading className="font-serif text-base leading-snug font-semibold">
            <a href={href} className="hover:text-brand-700 hover:underline dark:hover:text-amber-300">
              {article.title}
            </a>
          </Heading>
          <div className="flex flex-wrap items-center gap-2">
            {date}
            <SaveButton articleId={article.id} title={article.title} back={href} anchor={anchor} />
          </div>
        </div>
      </article>
    )
  }

  if (variant === 'row') {
    return (
      <article
        id={anchor}
        className="flex scroll-mt-4 flex-col gap-4 border-b border-zinc-200 pb-6 sm:flex-row dark:border-zinc-800"
      >
        {article.image && (
          <a href={href} tabIndex={-1} aria-hidden="true" className="shrink-0 sm:w-64">
            <Picture
              image={article.image}
              alt=""
              priority={priority}
              sizes="(min-width: 640px) 256px, 100vw"
              className="aspect-[16/9] w-full object-cover"
            />
          </a>
        )}
        <div className="min-w-0">
          <CategoryLabel category={article.category} />
          <Heading className="mt-1 font-serif text-xl leading-snug font-bold">
            <a href={href} className="hover:text-brand-700 hover:underline dark:hover:text-amber-300">
              {article.title}
            </a>
          </Heading>
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{article.standfirst}</p>
          <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
            {date} · {article.author.name}
          </p>
          <div className="mt-2">
            <SaveButton articleId={article.id} title={article.title} back={href} anchor={anchor} />
          </div>
        </div>
      </article>
    )
  }

  const lead = variant === 'lead'
  return (
    <article id={anchor} className="flex scroll-mt-4 flex-col gap-2">
      {article.image && (
        <a href={href} tabIndex={-1} aria-hidden="true">
          <Picture
            image={article.image}
            alt=""
            priority={priority}
            sizes={
              lead ? '(min-width: 1024px) 760px, 100vw' : '(min-width: 1024px) 300px, (min-width: 640px) 50vw, 100vw'
            }
            className="aspect-[16/9] w-full object-cover"
          />
        </a>
      )}
      <div>
        <CategoryLabel category={article.category} />
      </div>
      <Heading
        className={
          lead ? 'font-serif text-2xl leading-tight font-bold sm:text-4xl' : 'font-serif text-lg leading-snug font-bold'
        }
      >
        <a href={href} className="hover:text-brand-700 hover:underline dark:hover:text-amber-300">
          {article.title}
        </a>
      </Heading>
      {lead && <p className="text-lg text-zinc-700 dark:text-zinc-300">{article.standfirst}</p>}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {date} · {article.author.name}
      </p>
      <div>
        <SaveButton articleId={article.id} title={article.title} back={href} anchor={anchor} />
      </div>
    </article>
  )
}
