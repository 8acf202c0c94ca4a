/**
 * schema.org structured data for search engines, as plain objects. Every URL passed in is absolute.
 * Serialize with serializeJsonLd, never JSON.stringify alone: the result goes inside <script>.
 */

export type LdPublisher = {
  name: string
  url: string
  logo: { url: string; width: number; height: number }
  sameAs: string[]
}

export type LdArticle = {
  url: string
  headline: string
  description: string
  images: string[]
  datePublished: Date
  dateModified: Date
  authors: { name: string; url: string | null }[]
  section: string | null
  /** Sections the article is also listed in; with any, `articleSection` lists every section, primary first. */
  secondarySections?: string[]
  keywords: string[]
  language: string
}

export type LdCrumb = { name: string; url: string }

const context = 'https://schema.org'

/** JSON for a <script type="application/ld+json">: '<' and friends escaped so no field can close the element. */
export function serializeJsonLd(data: unknown) {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const publisherId = (p: LdPublisher) => `${p.url}#publisher`

export function publisherLd(p: LdPublisher) {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': publisherId(p),
    name: p.name,
    url: p.url,
    logo: { '@type': 'ImageObject', url: p.logo.url, width: p.logo.width, height: p.logo.height },
    ...(p.sameAs.length ? { sameAs: p.sameAs } : {}),
  }
}

export function newsArticleLd(a: LdArticle, publisher: LdPublisher) {
  return {
    '@context': context,
    '@type': 'NewsArticle',
    '@id': `${a.url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
    url: a.url,
    headline: a.headline,
    ...(a.description ? { description: a.description } : {}),
    image: a.images,
    datePublished: a.datePublished.toISOString(),
    dateModified: (a.dateModified > a.datePublished ? a.dateModified : a.datePublished).toISOString(),
    author: a.authors.map((p) => ({ '@type': 'Person', name: p.name, ...(p.url ? { url: p.url } : {}) })),
    publisher: publisherLd(publisher),
    ...articleSection(a),
    ...(a.keywords.length ? { keywords: a.keywords } : {}),
    inLanguage: a.language,
    isAccessibleForFree: true,
  }
}

function articleSection({ section, secondarySections = [] }: LdArticle) {
  const all = [...(section ? [section] : []), ...secondarySections]
  if (all.length === 0) return {}
  return { articleSection: all.length === 1 ? all[0] : all }
}

export function breadcrumbLd(crumbs: LdCrumb[]) {
  return {
    '@context': context,
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
  }
}

/** The front page: the site with its search box, and who publishes it. */
export function websiteLd(
  site: { name: string; url: string; description: string; language: string },
  publisher: LdPublisher,
) {
  return {
    '@context': context,
    '@graph': [
      {
        '@type': 'WebSite',
        '@id': `${site.url}#website`,
        name: site.name,
        url: site.url,
        ...(site.description ? { description: site.description } : {}),
        inLanguage: site.language,
        publisher: { '@id': publisherId(publisher) },
        potentialAction: {
          '@type': 'SearchAction',
          target: { '@type': 'EntryPoint', urlTemplate: `${site.url}search/?q={search_term_string}` },
          'query-input': 'required name=search_term_string',
        },
      },
      publisherLd(publisher),
    ],
  }
}

/** A listing: section, tag, author or date archive, with the articles it shows. */
export function collectionPageLd(page: {
  name: string
  url: string
  description?: string | null
  siteUrl: string
  items: string[]
}) {
  return {
    '@context': context,
    '@type': 'CollectionPage',
    '@id': page.url,
    name: page.name,
    url: page.url,
    ...(page.description ? { description: page.description } : {}),
    isPartOf: { '@type': 'WebSite', '@id': `${page.siteUrl}#website`, url: page.siteUrl },
    mainEntity: {
      '@type': 'ItemList',
      itemListElement: page.items.map((url, i) => ({ '@type': 'ListItem', position: i + 1, url })),
    },
  }
}
