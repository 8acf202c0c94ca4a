import type { Metadata } from 'next'
import { searchArticles } from '@/db/queries/search'
import { getSiteSettings } from '@/db/queries/settings'
import { tagPage } from '@/lib/page-cache'
import { WithSidebar } from '@/components/site/listing'
import { Pagination } from '@/components/site/pagination'
import { readerMetadata } from '@/services/seo'
import { formatDate } from '@/lib/time'
import { articlePath, categoryPath, searchPath } from '@/lib/urls'

type SearchParams = Promise<Record<string, string | string[] | undefined>>

function readQuery(params: Awaited<SearchParams>) {
  const q = (Array.isArray(params.q) ? params.q[0] : params.q)?.slice(0, 200).trim() ?? ''
  const rawPage = Array.isArray(params.page) ? params.page[0] : params.page
  const page = rawPage && /^[1-9]\d{0,4}$/.test(rawPage) ? Number(rawPage) : 1
  return { q, page }
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { q } = readQuery(await searchParams)
  const site = await getSiteSettings()
  return readerMetadata(site, {
    title: q ? `Search results for “${q}”` : 'Search',
    description: `Search the articles of ${site.name}.`,
    path: '/search/',
    noindex: true,
  })
}

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const { q, page } = readQuery(await searchParams)
  tagPage('list')
  const { timezone, locale, postsPerPage } = await getSiteSettings()
  const result = q ? await searchArticles(q, page, postsPerPage) : null
  return (
    <WithSidebar>
      <main id="main">
        <h1 className="font-serif text-3xl font-black sm:text-4xl">{q ? <>Search results for “{q}”</> : 'Search'}</h1>
        <form action="/search/" method="get" role="search" className="mt-4 flex max-w-xl">
          <label htmlFor="search-page" className="sr-only">
            Search articles
          </label>
          <input
            id="search-page"
            type="search"
            name="q"
            defaultValue={q}
            className="min-w-0 flex-1 border border-zinc-300 px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900"
          />
          <button type="submit" className="bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            Search
          </button>
        </form>
        {result && (
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400" role="status">
            {result.total === 0
              ? 'No articles matched your search.'
              : `${result.total.toLocaleString(locale)} ${result.total === 1 ? 'article' : 'articles'} found`}
          </p>
        )}
        {result && result.total === 0 && (
          <p className="mt-4">Try fewer or different words, or browse the sections above.</p>
        )}
        {result && result.items.length > 0 && (
          <ol className="mt-6 space-y-6">
            {result.items.map((r) => (
              <li key={r.id} className="border-b border-zinc-200 pb-4 dark:border-zinc-800">
                <article>
                  {r.category && (
                    <a
                      href={categoryPath(r.category.slug)}
                      className="text-xs font-semibold text-brand-700 uppercase dark:text-amber-300"
                    >
                      {r.category.name}
                    </a>
                  )}
                  <h2 className="font-serif text-xl font-bold">
                    <a href={articlePath(r, timezone)} className="hover:underline">
                      {r.title}
                    </a>
                  </h2>
                  {/* Escaped by the query; only <mark> around the matches is markup. */}
                  <p
                    className="mt-1 text-sm text-zinc-700 dark:text-zinc-300"
                    dangerouslySetInnerHTML={{ __html: r.snippetHtml }}
                  />
                  <time dateTime={r.publishedAt.toISOString()} className="text-xs text-zinc-600 dark:text-zinc-400">
                    {formatDate(r.publishedAt, timezone, locale)}
                  </time>
                </article>
              </li>
            ))}
          </ol>
        )}
        {result && <Pagination page={result.page} pageCount={result.pageCount} href={(p) => searchPath(q, p)} />}
      </main>
    </WithSidebar>
  )
}
