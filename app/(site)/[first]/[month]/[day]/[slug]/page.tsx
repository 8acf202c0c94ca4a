import type { Metadata } from 'next'
import { notFound, permanentRedirect } from 'next/navigation'
import {
  type ArticleCard as Card,
  type FullArticle,
  getAdjacentArticles,
  getPublishedArticleBySlug,
  listRelatedByTags,
  listRelatedInCategory,
} from '@/db/queries/articles'
import { listCategoryTrail } from '@/db/queries/categories'
import { type CommentNode, listApprovedCommentTree } from '@/db/queries/comments'
import { findRedirect } from '@/db/queries/redirects'
import { getSiteLogo, getSiteSettings } from '@/db/queries/settings'
import { ArticleCard } from '@/components/site/article-card'
import { ArticleView } from '@/components/site/article-view'
import { CommentForm } from '@/components/site/comment-form'
import { CommentThread } from '@/components/site/comment-thread'
import { JsonLd } from '@/components/site/json-ld'
import { SaveButton, saveAnchor } from '@/components/site/save-button'
import { ShareLinks } from '@/components/site/share-links'
import { Breadcrumbs, WithSidebar } from '@/components/site/listing'
import { currentReader } from '@/services/auth'
import { commentsClosed } from '@/lib/comments'
import { excerpt } from '@/lib/html'
import { newsArticleLd } from '@/lib/json-ld'
import { summaryText } from '@/lib/key-points'
import { tagPage } from '@/lib/page-cache'
import { decodeSlug } from '@/services/params'
import { publisherOf, readerMetadata } from '@/services/seo'
import { absoluteUrl, articlePath, authorPath, categoryPath, uploadUrl } from '@/lib/urls'

type Params = { first: string; month: string; day: string; slug: string }

/** The article at this URL; a right slug under the wrong date moves permanently (301 when recorded) to the right one. */
async function load(params: Params) {
  const article = await getPublishedArticleBySlug(decodeSlug(params.slug))
  if (!article) notFound()
  const { timezone } = await getSiteSettings()
  const path = articlePath(article, timezone)
  const requested = `/${params.first}/${params.month}/${params.day}/${article.slug}/`
  if (path !== requested) {
    // A date the article was published under before it moved is a recorded redirect: the 404 lets
    // the front server answer it with its 301, as for every old URL.
    if (await findRedirect(requested)) notFound()
    permanentRedirect(path)
  }
  return article
}

const description = (article: FullArticle) =>
  article.seoDescription ?? (article.standfirst || excerpt(summaryText(article) || article.bodyText))

/** The share card drawn by app/og/article/[file]/route.ts. */
const shareImage = (article: FullArticle) => ({
  url: `/og/article/${article.id}.png`,
  width: 1200,
  height: 630,
  alt: article.title,
})

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const article = await load(await params)
  const site = await getSiteSettings()
  return {
    ...readerMetadata(site, {
      title: article.seoTitle ?? article.title,
      description: description(article),
      path: articlePath(article, site.timezone),
      image: shareImage(article),
      article: {
        publishedTime: article.publishedAt,
        modifiedTime: article.updatedAt,
        section: article.category?.name,
        tags: article.tags.map((t) => t.name),
        authors: article.authors.flatMap((a) => (a.slug ? [absoluteUrl(authorPath(a.slug))] : [])),
      },
    }),
    authors: article.authors.map((a) => ({ name: a.name, url: a.slug ? authorPath(a.slug) : undefined })),
  }
}

async function ArticleStructuredData({ article }: { article: FullArticle }) {
  const site = await getSiteSettings()
  const trail = article.category ? await listCategoryTrail(article.category.id) : []
  const url = absoluteUrl(articlePath(article, site.timezone))
  const largest = article.image?.variants.at(-1)
  return (
    <>
      <JsonLd
        data={newsArticleLd(
          {
            url,
            headline: article.title,
            description: article.seoDescription ?? (summaryText(article) || excerpt(article.bodyText)),
            images: [
              ...(article.image ? [absoluteUrl(uploadUrl(largest?.path ?? article.image.path))] : []),
              absoluteUrl(shareImage(article).url),
            ],
            datePublished: article.publishedAt,
            dateModified: article.updatedAt,
            authors: article.authors.map((a) => ({
              name: a.name,
              url: a.slug ? absoluteUrl(authorPath(a.slug)) : null,
            })),
            section: article.category?.name ?? null,
            secondarySections: article.secondarySections.map((s) => s.name),
            keywords: article.tags.map((t) => t.name),
            language: site.locale,
          },
          publisherOf(site, await getSiteLogo()),
        )}
      />
      <Breadcrumbs
        trail={[
          ...trail.map((c) => ({ name: c.name, path: categoryPath(c.slug) })),
          { name: article.title, path: articlePath(article, site.timezone) },
        ]}
      />
    </>
  )
}

type Search = { replyto?: string; comment?: string }

/** The approved comment a reply link points at, if it is on this article. */
function findComment(roots: CommentNode[], id: number): CommentNode | undefined {
  for (const c of roots) {
    if (c.id === id) return c
    const found = findComment(c.replies, id)
    if (found) return found
  }
}

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<Params>
  searchParams: Promise<Search>
}) {
  const article = await load(await params)
  const search = await searchParams
  tagPage(`article:${article.id}`, `comments:${article.id}`, 'list')
  const { timezone, locale, comments: rules } = await getSiteSettings()
  const path = articlePath(article, timezone)
  const reader = await currentReader()
  const { previous, next } = await getAdjacentArticles(article)
  const related = await listRelatedInCategory(article, 4)
  const moreRelated = await listRelatedByTags(
    { id: article.id, tagIds: article.tags.map((t) => t.id) },
    related.map((r) => r.id),
    4,
  )
  const comments = await listApprovedCommentTree(article.id)
  const replyTo = /^\d{1,12}$/.test(search.replyto ?? '')
    ? findComment(comments.roots, Number(search.replyto))
    : undefined
  const closed = commentsClosed(article, rules.closeAfterDays)
  const anchor = saveAnchor(article.id)

  return (
    <WithSidebar>
      <ArticleStructuredData article={article} />
      <main id="main">
        <ArticleView article={article} timeZone={timezone} locale={locale} />
        <div id={anchor} className="mt-4 flex scroll-mt-4 flex-wrap items-center justify-between gap-4">
          <SaveButton articleId={article.id} title={article.title} back={path} anchor={anchor} />
          <ShareLinks url={absoluteUrl(path)} title={article.title} />
        </div>

        <nav
          aria-label="More stories"
          className="mt-8 grid gap-4 border-y border-zinc-200 py-4 sm:grid-cols-2 dark:border-zinc-800"
        >
          {previous ? (
            <a href={articlePath(previous, timezone)} rel="prev" className="group">
              <span className="block text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">
                ← Previous post
              </span>
              <span className="font-serif font-semibold group-hover:underline">{previous.title}</span>
            </a>
          ) : (
            <span />
          )}
          {next && (
            <a href={articlePath(next, timezone)} rel="next" className="group sm:text-right">
              <span className="block text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">
                Next post →
              </span>
              <span className="font-serif font-semibold group-hover:underline">{next.title}</span>
            </a>
          )}
        </nav>

        <RelatedSection
          id="related-heading"
          title="Related Posts"
          articles={related}
          timeZone={timezone}
          locale={locale}
        />
        <RelatedSection
          id="more-related-heading"
          title="More Related Articles"
          articles={moreRelated}
          timeZone={timezone}
          locale={locale}
        />

        <section aria-labelledby="comments-heading" className="mt-10">
          <h2 id="comments-heading" className="mb-4 text-lg font-black uppercase">
            {comments.count === 0 ? 'Comments' : comments.count === 1 ? '1 Comment' : `${comments.count} Comments`}
          </h2>
          {comments.count === 0 ? (
            <p className="text-zinc-600 dark:text-zinc-400">No comments yet.</p>
          ) : (
            <CommentThread
              roots={comments.roots}
              timeZone={timezone}
              locale={locale}
              replyBase={closed ? undefined : path}
            />
          )}
          {search.comment === 'held' && (
            <p role="status" className="mt-6 border-l-4 border-amber-500 bg-amber-50 p-3 text-sm dark:bg-amber-950/40">
              Thank you. Your comment is awaiting moderation and will appear once a moderator approves it.
            </p>
          )}
          {closed ? (
            <p className="mt-6 text-zinc-600 dark:text-zinc-400">Comments are closed.</p>
          ) : (
            <CommentForm
              articleId={article.id}
              reader={reader}
              replyTo={replyTo && { id: replyTo.id, authorName: replyTo.authorName }}
              cancelHref={`${path}#respond`}
            />
          )}
        </section>
      </main>
    </WithSidebar>
  )
}

function RelatedSection({
  id,
  title,
  articles,
  timeZone,
  locale,
}: {
  id: string
  title: string
  articles: Card[]
  timeZone: string
  locale: string
}) {
  if (articles.length === 0) return null
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="mb-4 border-b-2 border-zinc-900 pb-1 text-lg font-black uppercase dark:border-zinc-200">
        {title}
      </h2>
      <div className="grid gap-6 sm:grid-cols-2 xl:grid-cols-4">
        {articles.map((a) => (
          <ArticleCard key={a.id} article={a} timeZone={timeZone} locale={locale} />
        ))}
      </div>
    </section>
  )
}
