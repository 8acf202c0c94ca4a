import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTagBySlug, pageTagArticles } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { Listing } from '@/components/site/listing'
import { assertPageInRange, decodeSlug, parsePageParam } from '@/lib/params'
import { tagPath } from '@/lib/urls'

type Params = { slug: string; n?: string }

function load(params: Params) {
  const tag = getTagBySlug(decodeSlug(params.slug))
  if (!tag) notFound()
  return { tag, page: parsePageParam(params.n) }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { tag, page } = load(await params)
  return {
    title: page > 1 ? `${tag.name} – page ${page}` : tag.name,
    description: tag.description ?? `Articles tagged ${tag.name}.`,
    alternates: { canonical: tagPath(tag.slug, page) },
  }
}

export default async function TagPage({ params }: { params: Promise<Params> }) {
  const { tag, page } = load(await params)
  const result = pageTagArticles(tag.id, page, getSiteSettings().postsPerPage)
  assertPageInRange(page, result.pageCount)
  return (
    <Listing
      kicker="Tag"
      title={tag.name}
      description={tag.description}
      result={result}
      href={(p) => tagPath(tag.slug, p)}
    />
  )
}
