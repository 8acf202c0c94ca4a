import type { Metadata } from 'next'
import { listCategoryArticles, listFeaturedArticles, listLatestArticles } from '@/db/queries/articles'
import { categoryTreeIds, listCategories } from '@/db/queries/categories'
import { getSiteLogo, getSiteSettings } from '@/db/queries/settings'
import { websiteLd } from '@/lib/json-ld'
import { tagPage } from '@/lib/page-cache'
import { publisherOf, readerMetadata } from '@/services/seo'
import { ArticleCard } from '@/components/site/article-card'
import { JsonLd } from '@/components/site/json-ld'
import { WithSidebar } from '@/components/site/listing'
import { absoluteUrl, categoryPath } from '@/lib/urls'

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteSettings()
  return readerMetadata(site, { description: site.description || site.tagline, path: '/' })
}

export default async function FrontPage() {
  tagPage('list')
  const site = await getSiteSettings()
  const { timezone, locale, name } = site
  const featuredList = await listFeaturedArticles(3)
  // Without featured stories the newest ones lead, so the front page is never headless.
  const [lead, ...featured] = featuredList.length > 0 ? featuredList : await listLatestArticles(3)
  const shown = new Set([lead?.id, ...featured.map((a) => a.id)])
  const latest = (await listLatestArticles(12)).filter((a) => !shown.has(a.id)).slice(0, 8)
  const sections = []
  for (const c of await listCategories()) {
    if (c.parentId !== null) continue
    const articles = await listCategoryArticles(await categoryTreeIds(c.id), 4)
    if (articles.length > 0) sections.push({ category: c, articles })
  }
  const card = { timeZone: timezone, locale }

  return (
    <>
      <JsonLd
        data={websiteLd(
          { name, url: absoluteUrl('/'), description: site.description || site.tagline, language: locale },
          publisherOf(site, await getSiteLogo()),
        )}
      />
      <WithSidebar>
        <main id="main">
          <h1 className="sr-only">{name}: latest news</h1>
          {lead && (
            <section
              aria-label="Top stories"
              className="grid gap-6 border-b border-zinc-200 pb-8 lg:grid-cols-[2fr_1fr] dark:border-zinc-800"
            >
              <ArticleCard article={lead} variant="lead" priority headingLevel={2} {...card} />
              <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-1">
                {featured.slice(0, 2).map((a) => (
                  <ArticleCard key={a.id} article={a} headingLevel={2} {...card} />
                ))}
              </div>
            </section>
          )}
          <section aria-labelledby="latest-heading" className="py-8">
            <h2
              id="latest-heading"
              className="mb-4 border-b-2 border-zinc-900 pb-1 text-lg font-black uppercase dark:border-zinc-200"
            >
              Latest stories
            </h2>
            <div className="grid gap-6 sm:grid-cols-2">
              {latest.map((a) => (
                <ArticleCard key={a.id} article={a} variant="compact" {...card} />
              ))}
            </div>
          </section>
          {sections.map(({ category, articles }) => (
            <section
              key={category.id}
              aria-labelledby={`rail-${category.slug}`}
              className="border-t border-zinc-200 py-8 dark:border-zinc-800"
            >
              <div className="mb-4 flex items-baseline justify-between border-b-2 border-zinc-900 pb-1 dark:border-zinc-200">
                <h2 id={`rail-${category.slug}`} className="text-lg font-black uppercase">
                  {category.name}
                </h2>
                <a
                  href={categoryPath(category.slug)}
                  className="text-sm font-semibold text-brand-700 hover:underline dark:text-amber-300"
                >
                  More {category.name}
                  <span aria-hidden="true"> →</span>
                </a>
              </div>
              <div className="grid gap-6 sm:grid-cols-2 xl:grid-cols-4">
                {articles.map((a) => (
                  <ArticleCard key={a.id} article={{ ...a, category: null }} {...card} />
                ))}
              </div>
            </section>
          ))}
        </main>
      </WithSidebar>
    </>
  )
}
