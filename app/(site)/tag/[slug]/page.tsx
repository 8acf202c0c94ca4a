import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { getTagBySlug, pageTagArticles } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { Listing } from '@/components/site/listing'
import { assertPageInRange, decodeSlug, parsePageParam } from '@/services/params'
import { readerMetadata } from '@/services/seo'
import { feedPath, tagPath } from '@/lib/urls'

type Params = { slug: string; n?: string }

// Shared by generateMetadata and the page within one request.
const listing = cache(async (tagId: number, page: number) =>
  pageTagArticles(tagId, page, (await getSiteSettings()).postsPerPage),
)

async function load(params: Params) {
  const tag = await getTagBySlug(decodeSlug(params.slug))
  if (!tag) notFound()
  const page = parsePageParam(params.n)
  const result = await listing(tag.id, page)
  assertPageInRange(page, result.pageCount)
  return { tag, page, result }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { tag, page, result } = await load(await params)
  return readerMetadata(await getSiteSettings(), {
    title: page > 1 ? `${tag.name} – page ${page}` : tag.name,
    description: tag.description ?? `Articles tagged ${tag.name}.`,
    path: tagPath(tag.slug, page),
    feed: { title: tag.name, path: feedPath(tagPath(tag.slug)) },
    noindex: result.total === 0,
  })
}

export default async function TagPage({ params }: { params: Promise<Params> }) {
  const { tag, result } = await load(await params)
  return (
    <Listing
      kicker="Tag"
      title={tag.name}
      description={tag.description}
      result={result}
      href={(p) => tagPath(tag.slug, p)}
      trail={[{ name: tag.name, path: tagPath(tag.slug) }]}
    />
  )
}
