import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { cache } from 'react'
import { pageArticlesBetween } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { assertPageInRange, parsePageParam } from '@/services/params'
import { readerMetadata } from '@/services/seo'
import { formatDay, formatMonth, localRange } from '@/lib/time'
import { archivePath } from '@/lib/urls'
import { type Crumb, Listing } from './listing'

export type ArchiveParams = { first: string; month?: string; day?: string; n?: string }

/** Year, month and day from /YYYY/MM/DD/ segments; anything that is not a real date is a 404. */
export function parseArchiveParams(params: ArchiveParams) {
  if (!/^\d{4}$/.test(params.first)) notFound()
  const year = Number(params.first)
  let month: number | undefined
  let day: number | undefined
  if (params.month !== undefined) {
    if (!/^(0[1-9]|1[0-2])$/.test(params.month)) notFound()
    month = Number(params.month)
  }
  if (params.day !== undefined) {
    if (!/^(0[1-9]|[12]\d|3[01])$/.test(params.day)) notFound()
    day = Number(params.day)
    if (new Date(Date.UTC(year, month! - 1, day)).getUTCDate() !== day) notFound()
  }
  return { year, month, day, page: parsePageParam(params.n) }
}

function archiveTitle({ year, month, day }: ReturnType<typeof parseArchiveParams>, locale: string) {
  if (month && day) return formatDay(year, month, day, locale)
  if (month) return formatMonth(year, month, locale)
  return String(year)
}

// Shared by generateMetadata and the page within one request.
const archivePage = cache(async (year: number, month: number | undefined, day: number | undefined, page: number) => {
  const { timezone, postsPerPage } = await getSiteSettings()
  const { start, end } = localRange(timezone, year, month, day)
  const result = await pageArticlesBetween(start, end, page, postsPerPage)
  assertPageInRange(page, result.pageCount)
  return result
})

function trail({ year, month, day }: ReturnType<typeof parseArchiveParams>, locale: string): Crumb[] {
  const crumbs: Crumb[] = [{ name: String(year), path: archivePath(year) }]
  if (month) crumbs.push({ name: formatMonth(year, month, locale), path: archivePath(year, month) })
  if (month && day) crumbs.push({ name: formatDay(year, month, day, locale), path: archivePath(year, month, day) })
  return crumbs
}

export async function archiveMetadata(params: ArchiveParams): Promise<Metadata> {
  const parsed = parseArchiveParams(params)
  const site = await getSiteSettings()
  const title = archiveTitle(parsed, site.locale)
  const result = await archivePage(parsed.year, parsed.month, parsed.day, parsed.page)
  return readerMetadata(site, {
    title: parsed.page > 1 ? `Archive: ${title} – page ${parsed.page}` : `Archive: ${title}`,
    description: `Articles published in ${title}.`,
    path: archivePath(parsed.year, parsed.month, parsed.day, parsed.page),
    noindex: result.total === 0,
  })
}

export async function DateArchive({ params }: { params: ArchiveParams }) {
  const parsed = parseArchiveParams(params)
  const { locale } = await getSiteSettings()
  return (
    <Listing
      kicker="Archive"
      title={archiveTitle(parsed, locale)}
      result={await archivePage(parsed.year, parsed.month, parsed.day, parsed.page)}
      href={(p) => archivePath(parsed.year, parsed.month, parsed.day, p)}
      trail={trail(parsed, locale)}
    />
  )
}
