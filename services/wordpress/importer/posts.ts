import { htmlToText } from '@/lib/html'
import { gazetteSlug, setPageParent, upsertImportedArticle, upsertImportedPage } from '@/db/mutations/wordpress'
import { findMapping } from '@/db/queries/wordpress-import'
import type { ArticleStatus } from '@/db/schema'
import { convertContent } from '../content'
import type { WxrItem } from '../wxr'
import { mediaContext } from './attachments'
import { postComments } from './comments'
import type { ImportContext } from './context'
import { itemKey, itemLabel, normalizePath, oldPath, wpDate } from './keys'
import { postSections } from './terms'

const notImported = ['trash', 'auto-draft', 'inherit']

/** A post becomes an article with its sections, tags, featured image, comments and old addresses. */
export async function importPost(ctx: ImportContext, item: WxrItem) {
  const { opts, timeZone: tz } = ctx
  const label = itemLabel(item)
  let status: ArticleStatus
  if (notImported.includes(item.status)) return ctx.skip(label, `status "${item.status}" is not imported`)
  if (item.status === 'publish') status = 'published'
  else if (item.status === 'future') status = 'scheduled'
  else if (item.status === 'pending') status = 'pending'
  else status = 'draft'
  if (item.status === 'private') ctx.skip(label, 'private post imported as a draft (Gazette has no private articles)')
  if (item.password && status === 'published') {
    status = 'draft'
    ctx.skip(label, 'password-protected post imported as a draft (Gazette has no protected articles)')
  }
  const body = convertContent(item.content, mediaContext(ctx, item))
  let title = htmlToText(item.title).replace(/\s+/g, ' ').trim()
  if (!title) {
    title = htmlToText(body).split(/\s+/).slice(0, 8).join(' ').slice(0, 120) || `Untitled (${item.id})`
    ctx.skip(label, `no title; titled "${title}"`)
  }
  const publishedAt = wpDate(item.date, item.dateGmt, tz)
  const modifiedAt = wpDate(item.modified, item.modifiedGmt, tz)
  if (!publishedAt && status === 'published')
    ctx.skip(
      label,
      `no publication date; dated ${modifiedAt ? 'by its last change' : 'at its first import'}, and kept on later imports`,
    )
  const slug = gazetteSlug(item.slug, title, 80) || `post-${item.id || 'untitled'}`
  const { categoryId, secondaryCategoryIds, tagIds } = await postSections(ctx, item)
  if (secondaryCategoryIds.length) ctx.posts.inSeveralSections++
  const thumb = Number(item.meta.get('_thumbnail_id')?.[0] ?? 0)
  const featuredImageId = thumb ? (ctx.media.attachments.get(thumb)?.mediaId ?? null) : null
  if (thumb && !featuredImageId) ctx.skip(label, `featured image ${thumb} is not in the media library`)
  const link = oldPath(item.link)
  const oldPaths = [link]
  for (const old of item.meta.get('_wp_old_slug') ?? [])
    if (link) oldPaths.push(link.replace(/[^/]+(\/?)$/, `${normalizePath(old)}$1`))
  const authorId = ctx.authorsByLogin.get(item.creator) ?? opts.actorId
  const comments = await postComments(ctx, item)
  const r = await upsertImportedArticle(
    ctx.source,
    {
      key: itemKey(item),
      wpId: item.id,
      title,
      slug,
      standfirst: htmlToText(item.excerpt).slice(0, 600),
      body,
      status,
      publishedAt,
      modifiedAt,
      authorId,
      categoryId,
      secondaryCategoryIds,
      tagIds,
      featuredImageId,
      isFeatured: item.isSticky,
      commentsOpen: item.commentStatus === 'open',
      oldPaths,
      comments,
    },
    opts.actorId,
  )
  ctx.count('posts', r.created)
  if (r.path && item.id > 0) ctx.posts.paths.set(item.id, r.path)
  comments.forEach(() => ctx.count('comments', true))
}

/** A page becomes a static page; its parent is set now when already imported, else at the end. */
export async function importPage(ctx: ImportContext, item: WxrItem) {
  const { timeZone: tz } = ctx
  const label = itemLabel(item)
  if (notImported.includes(item.status)) return ctx.skip(label, `status "${item.status}" is not imported`)
  const status = item.status === 'publish' && !item.password ? 'published' : 'draft'
  if (status === 'draft' && item.status !== 'draft')
    ctx.skip(label, `${item.password ? 'password-protected' : item.status} page imported as a draft`)
  let title = htmlToText(item.title).trim()
  if (!title) {
    title = `Untitled page (${item.id})`
    ctx.skip(label, `no title; titled "${title}"`)
  }
  const slug = gazetteSlug(item.slug, title, 80) || `page-${item.id}`
  const parentId = item.parent ? ((await findMapping(ctx.source, 'page', item.parent))?.targetId ?? null) : null
  const r = await upsertImportedPage(
    ctx.source,
    {
      key: itemKey(item),
      wpId: item.id,
      title,
      slug,
      body: convertContent(item.content, mediaContext(ctx, item)),
      status,
      parentId,
      position: item.menuOrder,
      publishedAt: status === 'published' ? wpDate(item.date, item.dateGmt, tz) : null,
      modifiedAt: wpDate(item.modified, item.modifiedGmt, tz),
      oldPaths: [oldPath(item.link)],
    },
    ctx.opts.actorId,
  )
  if (item.parent && parentId === null) ctx.posts.pageParents.push({ pageId: r.id, wpParent: item.parent })
  if (item.comments.length)
    ctx.skip(label, `${item.comments.length} comment(s) on a page not imported (Gazette pages have no comments)`)
  ctx.count('pages', r.created)
}

/** Pages listed before their parent get it once every page is in. */
export async function linkPageParents(ctx: ImportContext) {
  for (const p of ctx.posts.pageParents) {
    const parent = (await findMapping(ctx.source, 'page', p.wpParent))?.targetId
    if (parent) await setPageParent(p.pageId, parent)
    else ctx.skip(`page ${p.pageId}`, `its parent page ${p.wpParent} is not in the export`)
  }
}

/** Routes an item of the second pass: posts and pages are imported, other post types counted. */
export async function importItem(ctx: ImportContext, item: WxrItem) {
  const { posts } = ctx
  if (item.guid && item.type !== 'nav_menu_item') {
    const first = posts.guids.get(item.guid)
    if (first !== undefined && first !== item.id)
      ctx.skip(`${item.type} ${item.id}`, `same GUID as item ${first} (${item.guid}); imported as its own item`)
    else posts.guids.set(item.guid, item.id)
  }
  if (item.type === 'post') await importPost(ctx, item)
  else if (item.type === 'page') await importPage(ctx, item)
  else posts.otherTypes.set(item.type, (posts.otherTypes.get(item.type) ?? 0) + 1)
}

/** The lines of the report about posts as a whole rather than one of them. */
export function reportPosts(ctx: ImportContext) {
  if (ctx.posts.inSeveralSections)
    ctx.skip(
      `${ctx.posts.inSeveralSections} × post in several categories`,
      "the SEO plugin's primary category (else the first) is the section; the others are secondary sections, shown on the article and listed on their section pages",
    )
  for (const [type, n] of ctx.posts.otherTypes) ctx.skip(`${n} × ${type}`, `post type "${type}" is not imported`)
}
