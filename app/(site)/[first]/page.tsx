import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getPublishedPage } from '@/db/queries/pages'
import { getSiteSettings } from '@/db/queries/settings'
import { type ArchiveParams, archiveMetadata, DateArchive } from '@/components/site/date-archive'
import { Breadcrumbs, WithSidebar } from '@/components/site/listing'
import { excerpt, htmlToText } from '@/lib/html'
import { decodeSlug } from '@/services/params'
import { readerMetadata } from '@/services/seo'
import { pagePath } from '@/lib/urls'

type Props = { params: Promise<ArchiveParams> }

// /<yyyy>/ is a year archive; any other single segment is a static page such as /about-us/.
const isYear = (segment: string) => /^\d{4}$/.test(segment)

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params
  if (isYear(p.first)) return archiveMetadata(p)
  const page = await getPublishedPage(decodeSlug(p.first))
  if (!page) notFound()
  return readerMetadata(await getSiteSettings(), {
    title: page.title,
    description: page.seoDescription ?? excerpt(htmlToText(page.body)),
    path: pagePath(page.slug),
  })
}

export default async function YearOrStaticPage({ params }: Props) {
  const p = await params
  if (isYear(p.first)) return <DateArchive params={p} />
  const page = await getPublishedPage(decodeSlug(p.first))
  if (!page) notFound()
  return (
    <WithSidebar>
      <Breadcrumbs trail={[{ name: page.title, path: pagePath(page.slug) }]} />
      <main id="main">
        <article>
          <h1 className="mb-6 font-serif text-3xl font-black sm:text-4xl">{page.title}</h1>
          {/* Sanitized on save by the same allow-list as article bodies. */}
          <div
            className="prose max-w-none prose-zinc dark:prose-invert"
            dangerouslySetInnerHTML={{ __html: page.body }}
          />
        </article>
      </main>
    </WithSidebar>
  )
}
