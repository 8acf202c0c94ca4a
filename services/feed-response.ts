import 'server-only'
import { getAuthorBySlug, getTagBySlug } from '@/db/queries/articles'
import { categoryTreeIds, getCategoryBySlug } from '@/db/queries/categories'
import { getContentVersion } from '@/db/queries/content-version'
import { type FeedArticle, type FeedScope, listFeedArticles } from '@/db/queries/feeds'
import { getSiteLogo, getSiteSettings } from '@/db/queries/settings'
import { buildFeed, type FeedEntry, type FeedFormat, feedContentTypes, feedUpdated } from '@/lib/feeds'
import { documentResponse } from '@/lib/http-cache'
import { publisherOf } from './seo'
import { absoluteUrl, articlePath, authorPath, categoryPath, feedPath, tagPath, uploadUrl } from '@/lib/urls'

export type FeedTarget = { kind: 'site' } | { kind: 'category' | 'tag' | 'author'; slug: string }

function decode(slug: string) {
  try {
    return decodeURIComponent(slug)
  } catch {
    return undefined
  }
}

async function resolve(
  target: FeedTarget,
): Promise<{ scope: FeedScope; name?: string; description?: string; path: string } | undefined> {
  if (target.kind === 'site') return { scope: { kind: 'site' }, path: '/' }
  const slug = decode(target.slug)
  if (slug === undefined) return undefined
  if (target.kind === 'category') {
    const c = await getCategoryBySlug(slug)
    if (!c) return undefined
    return {
      scope: { kind: 'category', ids: await categoryTreeIds(c.id) },
      name: c.name,
      description: c.description ?? `The latest ${c.name} news.`,
      path: categoryPath(c.slug),
    }
  }
  if (target.kind === 'tag') {
    const t = await getTagBySlug(slug)
    if (!t) return undefined
    return {
      scope: { kind: 'tag', id: t.id },
      name: t.name,
      description: t.description ?? `Articles tagged ${t.name}.`,
      path: tagPath(t.slug),
    }
  }
  const a = await getAuthorBySlug(slug)
  if (!a?.slug) return undefined
  return {
    scope: { kind: 'author', id: a.id },
    name: a.name,
    description: a.bio ?? `Articles by ${a.name}.`,
    path: authorPath(a.slug),
  }
}

function toEntry(a: FeedArticle, timeZone: string): FeedEntry {
  return {
    id: a.id,
    url: absoluteUrl(articlePath(a, timeZone)),
    title: a.title,
    standfirst: a.standfirst,
    bodyHtml: a.body,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    section: a.category ? { name: a.category.name, url: absoluteUrl(categoryPath(a.category.slug)) } : null,
    secondarySections: a.secondarySections.map((c) => ({ name: c.name, url: absoluteUrl(categoryPath(c.slug)) })),
    tags: a.tags.map((t) => ({ name: t.name, url: absoluteUrl(tagPath(t.slug)) })),
    authors: a.authors.map((u) => ({ name: u.name, url: u.slug ? absoluteUrl(authorPath(u.slug)) : null })),
    image: a.image
      ? {
          url: absoluteUrl(uploadUrl(a.image.path)),
          type: a.image.mimeType,
          bytes: a.image.bytes,
          width: a.image.width,
          height: a.image.height,
          alt: a.image.alt,
        }
      : null,
  }
}

/** A feed route's whole answer: 404 for an unknown section, tag or author, else the feed with conditional GET. */
export async function feedResponse(request: Request, format: FeedFormat, target: FeedTarget) {
  const found = await resolve(target)
  if (!found) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  return documentResponse(request, {
    version: String(await getContentVersion()),
    contentType: feedContentTypes[format],
    maxAge: 300,
    build: async () => {
      const site = await getSiteSettings()
      const base = feedPath(found.path)
      const entries = (await listFeedArticles(found.scope)).map((a) => toEntry(a, site.timezone))
      const body = buildFeed(
        format,
        {
          title: found.name ? `${found.name} – ${site.name}` : site.name,
          description: found.description ?? (site.description || site.tagline),
          link: absoluteUrl(found.path),
          siteUrl: absoluteUrl(''),
          feedUrls: { rss: absoluteUrl(base), atom: absoluteUrl(`${base}atom/`), json: absoluteUrl(`${base}json/`) },
          language: site.locale,
          publisher: site.name,
          copyright: site.copyright.replace('{year}', String(new Date().getFullYear())),
          image: publisherOf(site, await getSiteLogo()).logo.url,
        },
        entries,
      )
      return { body, lastModified: feedUpdated(entries) }
    },
  })
}
