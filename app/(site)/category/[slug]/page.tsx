import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { pageCategoryArticles } from '@/db/queries/articles'
import { categoryTreeIds, getCategoryBySlug, listCategoryTrail } from '@/db/queries/categories'
import { getSiteSettings } from '@/db/queries/settings'
import { Listing } from '@/components/site/listing'
import { assertPageInRange, decodeSlug, parsePageParam } from '@/services/params'
import { readerMetadata } from '@/services/seo'
import { categoryPath, feedPath } from '@/lib/urls'

type Params = { slug: string; n?: string }

// Shared by generateMetadata and the page within one request.
const listing = cache(async (categoryId: number, page: number) =>
  pageCategoryArticles(await categoryTreeIds(categoryId), page, (await getSiteSettings()).postsPerPage),
)

async function load(params: Params) {
  const category = await getCategoryBySlug(decodeSlug(params.slug))
  if (!category) notFound()
  const page = parsePageParam(params.n)
  const result = await listing(category.id, page)
  assertPageInRange(page, result.pageCount)
  return { category, page, result }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { category, page, result } = await load(await params)
  return readerMetadata(await getSiteSettings(), {
    title: page > 1 ? `${category.name} – page ${page}` : category.name,
    description: category.description ?? `The latest ${category.name} news.`,
    path: categoryPath(category.slug, page),
    feed: { title: category.name, path: feedPath(categoryPath(category.slug)) },
    noindex: result.total === 0,
  })
}

export default async function CategoryPage({ params }: { params: Promise<Params> }) {
  const { category, result } = await load(await params)
  return (
    <Listing
      kicker="Section"
      title={category.name}
      description={category.description}
      result={result}
      href={(p) => categoryPath(category.slug, p)}
      trail={(await listCategoryTrail(category.id)).map((c) => ({ name: c.name, path: categoryPath(c.slug) }))}
    />
  )
}
