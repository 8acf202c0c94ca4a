import type { ArticleCard as Card, Page } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { tagPage } from '@/lib/page-cache'
import { ArticleCard } from './article-card'
import { Pagination } from './pagination'
import { Sidebar } from './sidebar'

export function WithSidebar({ children }: { children: React.ReactNode }) {
  return (
    <div className="mx-auto grid max-w-7xl gap-10 px-4 py-8 lg:grid-cols-[minmax(0,1fr)_300px]">
      <div className="min-w-0">{children}</div>
      <Sidebar />
    </div>
  )
}

/** A paginated article listing: section, tag, author and date archives share it. */
export function Listing({
  kicker,
  title,
  description,
  result,
  href,
  children,
}: {
  kicker: string
  title: string
  description?: string | null
  result: Page<Card>
  href: (page: number) => string
  children?: React.ReactNode
}) {
  tagPage('list')
  const { timezone, locale } = getSiteSettings()
  return (
    <WithSidebar>
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
