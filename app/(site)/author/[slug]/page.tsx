import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { getAuthorBySlug, pageAuthorArticles } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { Listing } from '@/components/site/listing'
import { Picture } from '@/components/site/picture'
import { assertPageInRange, decodeSlug, parsePageParam } from '@/services/params'
import { readerMetadata } from '@/services/seo'
import { authorPath, feedPath } from '@/lib/urls'

type Params = { slug: string; n?: string }

// Shared by generateMetadata and the page within one request.
const listing = cache(async (userId: number, page: number) =>
  pageAuthorArticles(userId, page, (await getSiteSettings()).postsPerPage),
)

async function load(params: Params) {
  const author = await getAuthorBySlug(decodeSlug(params.slug))
  if (!author?.slug) notFound()
  const page = parsePageParam(params.n)
  const result = await listing(author.id, page)
  assertPageInRange(page, result.pageCount)
  return { author: { ...author, slug: author.slug }, page, result }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { author, page, result } = await load(await params)
  return readerMetadata(await getSiteSettings(), {
    title: page > 1 ? `${author.name} – page ${page}` : author.name,
    description: author.bio ?? `Articles by ${author.name}.`,
    path: authorPath(author.slug, page),
    feed: { title: author.name, path: feedPath(authorPath(author.slug)) },
    noindex: result.total === 0,
  })
}

export default async function AuthorPage({ params }: { params: Promise<Params> }) {
  const { author, result } = await load(await params)
  return (
    <Listing
      kicker={author.jobTitle ?? 'Author'}
      title={author.name}
      result={result}
      href={(p) => authorPath(author.slug, p)}
      trail={[{ name: author.name, path: authorPath(author.slug) }]}
    >
      <div className="mt-3 flex items-start gap-4">
        {author.avatar && (
          <Picture image={author.avatar} alt="" sizes="80px" className="size-20 shrink-0 rounded-full object-cover" />
        )}
        {author.bio && <p className="text-zinc-700 dark:text-zinc-300">{author.bio}</p>}
      </div>
    </Listing>
  )
}
