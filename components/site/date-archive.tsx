import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { pageArticlesBetween } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { assertPageInRange, parsePageParam } from '@/lib/params'
import { formatDay, formatMonth, localRange } from '@/lib/time'
import { archivePath } from '@/lib/urls'
import { Listing } from './listing'

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

export function archiveMetadata(params: ArchiveParams): Metadata {
  const parsed = parseArchiveParams(params)
  const title = archiveTitle(parsed, getSiteSettings().locale)
  return {
    title: parsed.page > 1 ? `Archive: ${title} – page ${parsed.page}` : `Archive: ${title}`,
    description: `Articles published in ${title}.`,
    alternates: { canonical: archivePath(parsed.year, parsed.month, parsed.day, parsed.page) },
  }
}

export function DateArchive({ params }: { params: ArchiveParams }) {
  const parsed = parseArchiveParams(params)
  const { timezone, locale, postsPerPage } = getSiteSettings()
  const { start, end } = localRange(timezone, parsed.year, parsed.month, parsed.day)
  const result = pageArticlesBetween(start, end, parsed.page, postsPerPage)
  assertPageInRange(parsed.page, result.pageCount)
  return (
    <Listing
      kicker="Archive"
      title={archiveTitle(parsed, locale)}
      result={result}
      href={(p) => archivePath(parsed.year, parsed.month, parsed.day, p)}
    />
  )
}
