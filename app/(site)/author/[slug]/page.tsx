import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getAuthorBySlug, pageAuthorArticles } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { Listing } from '@/components/site/listing'
import { Picture } from '@/components/site/picture'
import { assertPageInRange, decodeSlug, parsePageParam } from '@/lib/params'
import { authorPath } from '@/lib/urls'

type Params = { slug: string; n?: string }

function load(params: Params) {
  const author = getAuthorBySlug(decodeSlug(params.slug))
  if (!author?.slug) notFound()
  return { author: { ...author, slug: author.slug }, page: parsePageParam(params.n) }
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { author, page } = load(await params)
  return {
    title: page > 1 ? `${author.name} – page ${page}` : author.name,
    description: author.bio ?? `Articles by ${author.name}.`,
    alternates: { canonical: authorPath(author.slug, page) },
  }
}

export default async function AuthorPage({ params }: { params: Promise<Params> }) {
  const { author, page } = load(await params)
  const result = pageAuthorArticles(author.id, page, getSiteSettings().postsPerPage)
  assertPageInRange(page, result.pageCount)
  return (
    <Listing
      kicker={author.jobTitle ?? 'Author'}
      title={author.name}
      result={result}
      href={(p) => authorPath(author.slug, p)}
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
