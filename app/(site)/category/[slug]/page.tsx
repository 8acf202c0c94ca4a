import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { pageCategoryArticles } from '@/db/queries/articles'
import { categoryTreeIds, getCategoryBySlug } from '@/db/queries/categories'
import { getSiteSettings } from '@/db/queries/settings'
import { Listing } from '@/components/site/listing'
import { assertPageInRange, decodeSlug, parsePageParam } from '@/lib/params'
import { categoryPath } from '@/lib/urls'

type Params = { slug: string; n?: string }

function load(params: Params) {
  const category = getCategoryBySlug(decodeSlug(params.slug))
  if (!category) notFound()
  return { category, page: parsePageParam(params.n) }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { category, page } = load(await params)
  return {
    title: page > 1 ? `${category.name} – page ${page}` : category.name,
    description: category.description ?? `The latest ${category.name} news.`,
    alternates: { canonical: categoryPath(category.slug, page) },
  }
}

export default async function CategoryPage({ params }: { params: Promise<Params> }) {
  const { category, page } = load(await params)
  const result = pageCategoryArticles(categoryTreeIds(category.id), page, getSiteSettings().postsPerPage)
  assertPageInRange(page, result.pageCount)
  return (
    <Listing
      kicker="Section"
      title={category.name}
      description={category.description}
      result={result}
      href={(p) => categoryPath(category.slug, p)}
    />
  )
}
