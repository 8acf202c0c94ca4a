import type { Metadata } from 'next'
import type { LdPublisher } from '@/lib/json-ld'
import type { SiteSettings } from '@/lib/settings'
import { absoluteUrl, uploadUrl } from '@/lib/urls'

export type FeedScope = { title: string; /** The RSS feed's path; Atom and JSON hang off it. */ path: string }

export type ShareImage = { url: string; width: number; height: number; alt: string }

export const siteShareImage = (site: SiteSettings): ShareImage => ({
  url: '/og/site.png',
  width: 1200,
  height: 630,
  alt: site.name,
})

type Rendition = { width: number; height: number; path: string }

/** The publisher as search engines see it: the uploaded logo when there is one, else one drawn from the name. */
export function publisherOf(
  site: SiteSettings,
  logo: { path: string; width: number; height: number; variants: Rendition[] } | undefined,
): LdPublisher {
  const rendition = logo && (logo.variants.find((v) => v.width >= 600) ?? logo.variants.at(-1) ?? logo)
  return {
    name: site.name,
    url: absoluteUrl('/'),
    logo: rendition
      ? { url: absoluteUrl(uploadUrl(rendition.path)), width: rendition.width, height: rendition.height }
      : { url: absoluteUrl('/og/logo.png'), width: 512, height: 512 },
    sameAs: site.social.map((s) => s.url),
  }
}

/** The <link rel="alternate"> feed autodiscovery of a page: the site's feeds, then the page's own. */
export function feedAlternates(site: SiteSettings, scope?: FeedScope) {
  const feeds = [{ title: site.name, path: '/feed/' }, ...(scope ? [scope] : [])]
  return {
    'application/rss+xml': feeds.map((f) => ({ title: `${f.title} (RSS)`, url: f.path })),
    'application/atom+xml': feeds.map((f) => ({ title: `${f.title} (Atom)`, url: `${f.path}atom/` })),
    'application/feed+json': feeds.map((f) => ({ title: `${f.title} (JSON Feed)`, url: `${f.path}json/` })),
  }
}

/** The X handle from the site's social links, for twitter:site. */
export function twitterHandle(site: SiteSettings) {
  const x = site.social.find((s) => s.network === 'x')
  const m = x && /^https?:\/\/(?:www\.)?(?:x|twitter)\.com\/@?([A-Za-z0-9_]{1,15})\/?$/.exec(x.url)
  return m ? `@${m[1]}` : undefined
}

/**
 * Everything a reader page says about itself to browsers, crawlers and social networks: title,
 * description, canonical URL, feed autodiscovery, OpenGraph and Twitter cards, robots. A page's
 * `alternates`, `openGraph` and `twitter` replace the layout's whole, so every page builds all of them here.
 */
export function readerMetadata(
  site: SiteSettings,
  page: {
    /** Without the site name; none on the front page. */
    title?: string
    description: string
    path: string
    feed?: FeedScope
    image?: ShareImage
    noindex?: boolean
    article?: {
      publishedTime: Date
      modifiedTime: Date
      section?: string
      tags: string[]
      authors: string[]
    }
  },
): Metadata {
  const image = page.image ?? siteShareImage(site)
  const ogTitle = page.title ?? site.name
  const common = {
    title: ogTitle,
    description: page.description,
    url: page.path,
    siteName: site.name,
    locale: site.locale.replace('-', '_'),
    images: [image],
  }
  return {
    ...(page.title !== undefined ? { title: page.title } : {}),
    description: page.description,
    alternates: { canonical: page.path, types: feedAlternates(site, page.feed) },
    openGraph: page.article
      ? {
          ...common,
          type: 'article',
          publishedTime: page.article.publishedTime.toISOString(),
          modifiedTime: page.article.modifiedTime.toISOString(),
          section: page.article.section,
          tags: page.article.tags,
          authors: page.article.authors,
        }
      : { ...common, type: 'website' },
    twitter: {
      card: 'summary_large_image',
      title: ogTitle,
      description: page.description,
      images: [{ url: image.url, alt: image.alt }],
      site: twitterHandle(site),
    },
    ...(page.noindex ? { robots: { index: false, follow: true } } : {}),
  }
}
