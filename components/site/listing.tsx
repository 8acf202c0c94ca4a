import type { ArticleCard as Card, Page } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { breadcrumbLd, collectionPageLd } from '@/lib/json-ld'
import { tagPage } from '@/lib/page-cache'
import { absoluteUrl, articlePath } from '@/lib/urls'
import { ArticleCard } from './article-card'
import { JsonLd } from './json-ld'
import { Pagination } from './pagination'
import { SharedFragment } from './shared-fragment'
import { Sidebar } from './sidebar'

export function WithSidebar({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto grid max-w-7xl gap-10 px-4 py-8 lg:grid-cols-[minmax(0,1fr)_300px]">
      <div className="min-w-0">{children}</div>
      <SharedFragment name="sidebar" tags={['list', 'recent-comments']}>
        <Sidebar />
      </SharedFragment>
    </div>
  )
}

export type Crumb = { name: string; path: string }

/** Breadcrumbs for search engines, from the front page down to `trail`'s last page. */
export async function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  const { name } = await getSiteSettings()
  return (
    <JsonLd
      data={breadcrumbLd([{ name, path: '/' }, ...trail].map((c) => ({ name: c.name, url: absoluteUrl(c.path) })))}
    />
  )
}

/** A paginated article listing: section, tag, author and date archives share it. */
export async function Listing({
  kicker,
  title,
  description,
  result,
  href,
  trail,
  children,
}: {
  kicker: string
  title: string
  description?: string | null
  result: Page<Card>
  href: (page: number) => string
  /** Where the listing sits below the front page, itself last. */
  trail: Crumb[]
  children?: React.ReactNode
}) {
  tagPage('list')
  const { timezone, locale } = await getSiteSettings()
  const items = result.items.map((a) => absoluteUrl(articlePath(a, timezone)))
  return (
    <WithSidebar>
      {/* React places these in <head>. */}
      {result.page > 1 && <link rel="prev" href={href(result.page - 1)} />}
      {result.page < result.pageCount && <link rel="next" href={href(result.page + 1)} />}
      <JsonLd
        data={collectionPageLd({
          name: title,
          url: absoluteUrl(href(result.page)),
          description,
          siteUrl: absoluteUrl('/'),
          items,
        })}
      />
      <Breadcrumbs trail={trail} />
      <main id="main">
        <header className="mb-8 border-b border-zinc-200 pb-4 dark:border-zinc-800">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase dark:text-amber-300">{kicker}</p>
          <h1 className="font-serif text-3xl font-black sm:text-4xl">{title}</h1>
          {description && <p className="mt-2 text-zinc-700 dark:text-zinc-300">{description}</p>}
          {children}
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            {result.total === 1 ? '1 article' : `${result.total.toLocaleString(locale)} articles`}
            {result.pageCount > 1 && ` · page ${result.page} of ${result.pageCount}`}
          </p>
        </header>
        {result.items.length === 0 ? (
          <p>Nothing has been published here yet.</p>
        ) : (
          <div className="space-y-6">
            {result.items.map((a, i) => (
              <ArticleCard
                key={a.id}
                article={a}
                variant="row"
                timeZone={timezone}
                locale={locale}
                priority={i === 0}
                headingLevel={2}
              />
            ))}
          </div>
        )}
        <Pagination page={result.page} pageCount={result.pageCount} href={href} />
      </main>
    </WithSidebar>
  )
}
