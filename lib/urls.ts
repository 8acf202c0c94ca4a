import { env } from './env'
import { datePartsIn, pad2 } from './time'

// WordPress "Day and name" permalinks, so a migrated site keeps its links.
export function articlePath(article: { slug: string; publishedAt: Date | null }, timeZone: string) {
  if (!article.publishedAt) return `/${article.slug}/`
  const { year, month, day } = datePartsIn(article.publishedAt, timeZone)
  return `/${year}/${pad2(month)}/${pad2(day)}/${article.slug}/`
}

export const categoryPath = (slug: string, page = 1) =>
  page > 1 ? `/category/${slug}/page/${page}/` : `/category/${slug}/`
export const tagPath = (slug: string, page = 1) => (page > 1 ? `/tag/${slug}/page/${page}/` : `/tag/${slug}/`)
export const authorPath = (slug: string, page = 1) => (page > 1 ? `/author/${slug}/page/${page}/` : `/author/${slug}/`)
export const pagePath = (slug: string) => `/${slug}/`
/** A listing's RSS feed (WordPress's URL); Atom and JSON Feed add atom/ and json/. */
export const feedPath = (listingPath: string) => `${listingPath}feed/`
export const uploadUrl = (path: string) => `/uploads/${path}`

export function archivePath(year: number, month?: number, day?: number, page = 1) {
  let p = `/${year}/`
  if (month) p += `${pad2(month)}/`
  if (month && day) p += `${pad2(day)}/`
  return page > 1 ? `${p}page/${page}/` : p
}

export function searchPath(q: string, page = 1) {
  const params = new URLSearchParams({ q })
  if (page > 1) params.set('page', String(page))
  return `/search/?${params}`
}

/** Absolute URL for canonical links and feeds. */
export function absoluteUrl(path: string) {
  const base = (env.SITE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
  return `${base}${path}`
}
