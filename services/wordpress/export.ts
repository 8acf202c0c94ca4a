import { readSiteSettings } from '@/db/queries/site-settings'
import {
  exportArticleExtras,
  exportArticlesAfter,
  exportMediaAfter,
  exportPagesAfter,
  exportTagsAfter,
  jsonExportTables,
  lastArticleId,
  lastPageId,
  listExportCategories,
  listExportStaff,
} from '@/db/queries/wordpress-export'
import { articlePath, pagePath, uploadUrl } from '@/lib/urls'

type Write = (chunk: string) => void | Promise<void>

const batch = 200

function cdata(s: string) {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

function esc(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** WordPress's date columns: local time in the site timezone, and GMT. */
function wpDates(d: Date | null, timeZone: string) {
  if (!d) return { local: '0000-00-00 00:00:00', gmt: '0000-00-00 00:00:00' }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00'
  return {
    local: `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`,
    gmt: d.toISOString().slice(0, 19).replace('T', ' '),
  }
}

// PHP serialize() lengths count bytes, not characters.
const phpString = (s: string) => `s:${Buffer.byteLength(s)}:"${s}";`

/** Reads a table in id order, a batch at a time, so an export never holds the whole site in memory. */
async function* inBatches<T extends { id: number }>(read: (afterId: number, limit: number) => Promise<T[]>) {
  let after = 0
  for (;;) {
    const rows = await read(after, batch)
    yield* rows
    if (rows.length < batch) return
    after = rows.at(-1)!.id
  }
}

const statusOut = { published: 'publish', draft: 'draft', pending: 'pending', scheduled: 'future' } as const
const commentOut = { approved: '1', pending: '0', spam: 'spam', trash: 'trash' } as const

/**
 * Writes the whole site as a WordPress eXtended RSS 1.2 file, the format WordPress's own importer
 * reads: staff, sections, tags, media (attachments), articles (posts, keeping their ids) with
 * comments, and pages. Pages and media get ids above every article id, as WordPress shares one
 * id space between them.
 */
export async function exportWxr(siteUrl: string, write: Write) {
  const base = siteUrl.replace(/\/$/, '')
  const site = await readSiteSettings()
  const tz = site.timezone
  const maxArticle = await lastArticleId()
  const maxPage = await lastPageId()
  const pageWpId = (id: number) => maxArticle + id
  const mediaWpId = (id: number) => maxArticle + maxPage + id

  await write(`<?xml version="1.0" encoding="UTF-8"?>
<!-- generator="Gazette" created="${new Date().toISOString()}" -->
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>${esc(site.name)}</title>
<link>${esc(base)}</link>
<description>${esc(site.tagline)}</description>
<pubDate>${new Date().toUTCString()}</pubDate>
<language>${esc(site.locale)}</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${esc(base)}</wp:base_site_url>
<wp:base_blog_url>${esc(base)}</wp:base_blog_url>
`)

  const staff = await listExportStaff()
  const login = new Map(staff.map((u) => [u.id, u.slug ?? `user-${u.id}`]))
  for (const u of staff) {
    const [first, ...rest] = u.name.split(' ')
    await write(`<wp:author><wp:author_id>${u.id}</wp:author_id><wp:author_login>${cdata(login.get(u.id)!)}</wp:author_login><wp:author_email>${cdata(u.email)}</wp:author_email><wp:author_display_name>${cdata(u.name)}</wp:author_display_name><wp:author_first_name>${cdata(first ?? '')}</wp:author_first_name><wp:author_last_name>${cdata(rest.join(' '))}</wp:author_last_name></wp:author>
`)
  }

  const cats = await listExportCategories()
  const catById = new Map(cats.map((c) => [c.id, c]))
  const written = new Set<number>()
  // Parents before children: WordPress's importer looks a parent up when it creates the child.
  const writeCategory = async (c: (typeof cats)[number], trail: Set<number>) => {
    if (written.has(c.id)) return
    const parent = c.parentId ? catById.get(c.parentId) : undefined
    if (parent && !trail.has(parent.id)) await writeCategory(parent, new Set([...trail, c.id]))
    written.add(c.id)
    await write(`<wp:category><wp:term_id>${c.id}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata(parent?.slug ?? '')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name><wp:category_description>${cdata(c.description ?? '')}</wp:category_description></wp:category>
`)
  }
  for (const c of cats) await writeCategory(c, new Set())
  for await (const t of inBatches(exportTagsAfter))
    await write(`<wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name><wp:tag_description>${cdata(t.description ?? '')}</wp:tag_description></wp:tag>
`)

  const item = (x: {
    title: string
    link: string
    creator: string
    content: string
    excerpt: string
    id: number
    date: Date | null
    commentStatus: string
    slug: string
    status: string
    parent: number
    order: number
    type: string
    sticky?: boolean
    attachmentUrl?: string
    extra?: string
  }) => {
    const d = wpDates(x.date, tz)
    return `<item>
<title>${cdata(x.title)}</title>
<link>${esc(x.link)}</link>
<pubDate>${x.date ? x.date.toUTCString() : ''}</pubDate>
<dc:creator>${cdata(x.creator)}</dc:creator>
<guid isPermaLink="false">${esc(x.type === 'attachment' ? (x.attachmentUrl ?? '') : `${base}/?${x.type === 'page' ? 'page_id' : 'p'}=${x.id}`)}</guid>
<description></description>
<content:encoded>${cdata(x.content)}</content:encoded>
<excerpt:encoded>${cdata(x.excerpt)}</excerpt:encoded>
<wp:post_id>${x.id}</wp:post_id>
<wp:post_date>${cdata(d.local)}</wp:post_date>
<wp:post_date_gmt>${cdata(d.gmt)}</wp:post_date_gmt>
<wp:comment_status>${cdata(x.commentStatus)}</wp:comment_status>
<wp:ping_status>${cdata('closed')}</wp:ping_status>
<wp:post_name>${cdata(x.slug)}</wp:post_name>
<wp:status>${cdata(x.status)}</wp:status>
<wp:post_parent>${x.parent}</wp:post_parent>
<wp:menu_order>${x.order}</wp:menu_order>
<wp:post_type>${cdata(x.type)}</wp:post_type>
<wp:post_password>${cdata('')}</wp:post_password>
<wp:is_sticky>${x.sticky ? 1 : 0}</wp:is_sticky>
${x.attachmentUrl ? `<wp:attachment_url>${cdata(x.attachmentUrl)}</wp:attachment_url>\n` : ''}${x.extra ?? ''}</item>
`
  }
  const meta = (key: string, value: string) =>
    `<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>\n`

  for await (const m of inBatches(exportMediaAfter)) {
    const url = `${base}${uploadUrl(m.path)}`
    await write(
      item({
        title: m.originalName ?? m.path.split('/').pop()!,
        link: url,
        creator: login.get(m.uploadedBy ?? 0) ?? '',
        content: '',
        excerpt: m.caption ?? '',
        id: mediaWpId(m.id),
        date: m.createdAt,
        commentStatus: 'closed',
        slug: `media-${m.id}`,
        status: 'inherit',
        parent: 0,
        order: 0,
        type: 'attachment',
        attachmentUrl: url,
        extra:
          meta('_wp_attached_file', m.path) +
          (m.alt ? meta('_wp_attachment_image_alt', m.alt) : '') +
          (m.credit
            ? meta(
                '_wp_attachment_metadata',
                `a:1:{${phpString('image_meta')}a:1:{${phpString('credit')}${phpString(m.credit)}}}`,
              )
            : ''),
      }),
    )
  }

  for await (const a of inBatches(exportArticlesAfter)) {
    const cat = a.categoryId ? catById.get(a.categoryId) : undefined
    const { sectionIds, tags: tagRows, comments: commentRows } = await exportArticleExtras(a.id)
    // WordPress has no primary category: the first one listed becomes the primary section on import.
    const secondary = sectionIds.flatMap((id) => catById.get(id) ?? [])
    let extra = ''
    for (const c of [...(cat ? [cat] : []), ...secondary])
      extra += `<category domain="category" nicename="${esc(c.slug)}">${cdata(c.name)}</category>\n`
    for (const t of tagRows)
      extra += `<category domain="post_tag" nicename="${esc(t.slug)}">${cdata(t.name)}</category>\n`
    if (a.featuredImageId) extra += meta('_thumbnail_id', String(mediaWpId(a.featuredImageId)))
    for (const c of commentRows) {
      const d = wpDates(c.createdAt, tz)
      extra += `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>${cdata(c.authorName)}</wp:comment_author><wp:comment_author_email>${cdata(c.authorEmail ?? '')}</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>${cdata(c.ip ?? '')}</wp:comment_author_IP><wp:comment_date>${cdata(d.local)}</wp:comment_date><wp:comment_date_gmt>${cdata(d.gmt)}</wp:comment_date_gmt><wp:comment_content>${cdata(c.body)}</wp:comment_content><wp:comment_approved>${cdata(commentOut[c.status])}</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type><wp:comment_parent>${c.parentId ?? 0}</wp:comment_parent><wp:comment_user_id>${c.userId ?? 0}</wp:comment_user_id></wp:comment>\n`
    }
    await write(
      item({
        title: a.title,
        link: a.status === 'published' ? `${base}${articlePath(a, tz)}` : `${base}/?p=${a.id}`,
        creator: login.get(a.authorId) ?? '',
        content: a.body,
        excerpt: a.standfirst,
        id: a.id,
        date: a.publishedAt,
        commentStatus: a.commentsOpen ? 'open' : 'closed',
        slug: a.slug,
        status: statusOut[a.status],
        parent: 0,
        order: 0,
        type: 'post',
        sticky: a.isFeatured,
        extra,
      }),
    )
  }

  for await (const p of inBatches(exportPagesAfter))
    await write(
      item({
        title: p.title,
        link: p.status === 'published' ? `${base}${pagePath(p.slug)}` : `${base}/?page_id=${pageWpId(p.id)}`,
        creator: login.get(staff.find((u) => u.role === 'admin')?.id ?? 0) ?? '',
        content: p.body,
        excerpt: '',
        id: pageWpId(p.id),
        date: p.publishedAt,
        commentStatus: 'closed',
        slug: p.slug,
        status: p.status === 'published' ? 'publish' : 'draft',
        parent: p.parentId ? pageWpId(p.parentId) : 0,
        order: p.position,
        type: 'page',
      }),
    )
  await write('</channel>\n</rss>\n')
}

/**
 * The whole site as JSON, table by table: everything a reader or editor made, without password
 * hashes, sign-in tokens or the cache's bookkeeping.
 */
export async function exportJson(write: Write) {
  await write(`{"format":"gazette-export","version":1,"exportedAt":${JSON.stringify(new Date().toISOString())}`)
  for (const [name, table] of Object.entries(jsonExportTables)) {
    await write(`,\n${JSON.stringify(name)}:[`)
    let first = true
    // Tables with an id are read a batch at a time; the join tables hold two integers a row.
    const rows: AsyncIterable<unknown> | unknown[] = table.batched
      ? inBatches(table.read as (after: number, limit: number) => Promise<{ id: number }[]>)
      : await table.read()
    for await (const row of rows) {
      await write(`${first ? '' : ','}\n${JSON.stringify(row)}`)
      first = false
    }
    await write(']')
  }
  await write('\n}\n')
}
