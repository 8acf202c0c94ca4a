import { TZDate } from '@date-fns/tz'
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { htmlToText } from '@/lib/html'
import { ingestImage, maxUploadBytes, UploadError } from '@/lib/media'
import { slugify } from '@/lib/slug'
import { uploadUrl } from '@/lib/urls'
import type { Executor } from '@/db/client'
import { insertMedia, updateMediaDetails } from '@/db/mutations/media'
import { readSiteSettings } from '@/db/mutations/settings'
import {
  addImportRedirect,
  findMapping,
  gazetteSlug,
  type ImportedComment,
  setMapping,
  setPageParent,
  updateImportRun,
  upsertAuthor,
  upsertCategory,
  upsertImportedArticle,
  upsertImportedPage,
  upsertTag,
} from '@/db/mutations/wordpress'
import { type ArticleStatus, type CommentStatus, type ImportReport, media } from '@/db/schema'
import { convertContent } from './content'
import { readWxr, type WxrItem, type WxrTerm, WxrError } from './wxr'

export type ImportOptions = {
  /** The staff account the import is recorded under (audit log, uploads). */
  actorId: number
  /** A local copy of wp-content/uploads. */
  mediaDir?: string
  /** Fetch media from the original site when no local copy has it (default true). */
  download?: boolean
  /** The original site's address, when the export's own is not the public one. */
  siteUrl?: string
  /** Pingbacks and trackbacks: dropped (default) or kept as held comments for moderation. */
  pingbacks?: 'drop' | 'hold'
  /** Receives bytes read so far (the file is read twice) and the total. */
  onProgress?: (done: number, total: number) => void
  /** An import_runs row to keep up to date. */
  runId?: number
}

export type ImportResult = ImportReport & { source: string }

const maxReportLines = 1000
// WordPress keeps files under /wp-content/uploads/, Gazette (whose exports import too) under /uploads/.
const uploadPath = /\/(?:wp-content\/)?uploads\/([^?#]+)/
const zeroDate = /^0000-00-00/

function normalizePath(p: string) {
  try {
    return encodeURI(decodeURI(p))
  } catch {
    return p
  }
}

/** The path of a URL of the old site, as a redirect source; '' for query-string URLs (resolved elsewhere). */
export function oldPath(link: string) {
  try {
    const url = new URL(link)
    if (url.search || url.pathname === '/') return ''
    // Exports carry the odd doubled slash; servers and browsers treat it as one.
    return normalizePath(url.pathname.replace(/\/{2,}/g, '/'))
  } catch {
    return ''
  }
}

/** The key a file under wp-content/uploads is known by, size suffix and query removed. */
export function uploadKey(url: string) {
  const m = uploadPath.exec(url)
  if (!m) return undefined
  let rel = m[1]!
  try {
    rel = decodeURI(rel)
  } catch {}
  return rel.replace(/-\d+x\d+(?=\.\w+$)/, '').replace(/-scaled(?=\.\w+$)/, '')
}

/** A WordPress date: the GMT column when set, else the local one read in the site timezone. */
export function wpDate(local: string, gmt: string, timeZone: string): Date | null {
  const parts = (s: string) => /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(s)?.slice(1).map(Number)
  const g = gmt && !zeroDate.test(gmt) ? parts(gmt) : undefined
  if (g) return new Date(Date.UTC(g[0]!, g[1]! - 1, g[2]!, g[3]!, g[4]!, g[5]!))
  const l = local && !zeroDate.test(local) ? parts(local) : undefined
  if (!l) return null
  return new Date(new TZDate(l[0]!, l[1]! - 1, l[2]!, l[3]!, l[4]!, l[5]!, timeZone).getTime())
}

const commentStatus = (approved: string): CommentStatus =>
  approved === '1' ? 'approved' : approved === 'spam' ? 'spam' : /trash/.test(approved) ? 'trash' : 'pending'

// PHP-serialized attachment metadata; only the credit is wanted from it.
const creditOf = (serialized: string) => /s:6:"credit";s:\d+:"([^"]*)"/.exec(serialized)?.[1] || null

type Attachment = { src: string; alt: string; caption: string; parent: number; mediaId: number | null }

/**
 * Imports a WordPress export (WXR 1.1/1.2) read twice as a stream: first authors, terms and
 * attachments, then posts, pages and their comments, so that featured images and galleries find
 * their media. Each item is written in its own transaction and keyed on (source site, WordPress
 * id): a second run updates what the first wrote, and a run that stopped half-way is resumed by
 * running it again.
 */
export async function importWordpress(db: Executor, file: string, opts: ImportOptions): Promise<ImportResult> {
  const size = fs.statSync(file).size
  const total = size * 2
  let done = 0
  let lastTick = 0
  const tz = readSiteSettings(db).timezone
  const report: ImportResult = { source: '', counts: {}, skipped: [], keptMediaUrls: [] }
  let skippedOver = 0
  const skip = (item: string, reason: string) => {
    if (report.skipped.length < maxReportLines) report.skipped.push({ item, reason })
    else skippedOver++
  }
  const count = (kind: string, created: boolean) => {
    const c = (report.counts[kind] ??= { created: 0, updated: 0 })
    if (created) c.created++
    else c.updated++
  }
  const tick = (force = false) => {
    const now = Date.now()
    if (!force && now - lastTick < 250) return
    lastTick = now
    opts.onProgress?.(done, total)
    if (opts.runId) updateImportRun(db, opts.runId, { progress: done, report })
  }
  const onBytes = (n: number) => {
    done += n
    tick()
  }

  let source = ''
  let siteHost = 'wordpress.invalid'
  const authorsByLogin = new Map<string, number>()
  const categoriesBySlug = new Map<string, number>()
  const tagsBySlug = new Map<string, number>()
  const attachments = new Map<number, Attachment>()
  const childrenOf = new Map<number, number[]>()
  const files = new Map<string, string>()
  const attachmentPages: { from: string; parent: number; src: string }[] = []
  const failedHosts = new Set<string>()
  let pendingCategories: WxrTerm[] | null = []

  function flushCategories() {
    if (!pendingCategories) return
    const list = pendingCategories
    pendingCategories = null
    const bySlug = new Map(list.map((t) => [t.slug, t]))
    const done = new Set<string>()
    // Parents first, whatever order the export listed them in; a loop or a missing parent lands at the top.
    const visit = (t: WxrTerm, trail: Set<string>) => {
      if (done.has(t.slug)) return
      const parent = t.parent && t.parent !== t.slug ? bySlug.get(t.parent) : undefined
      if (t.parent && !parent)
        skip(`category ${t.slug}`, `its parent "${t.parent}" is not in the export; placed at the top`)
      if (parent && !trail.has(parent.slug)) visit(parent, new Set([...trail, t.slug]))
      done.add(t.slug)
      const slug = gazetteSlug(t.slug, t.name, 80) || `category-${t.id ?? categoriesBySlug.size + 1}`
      const r = upsertCategory(
        db,
        source,
        {
          key: t.id !== null ? String(t.id) : `slug:${t.slug}`,
          slug,
          name: htmlToText(t.name) || slug,
          description: t.description,
          parentId: parent ? (categoriesBySlug.get(parent.slug) ?? null) : null,
          oldSlug: normalizePath(t.slug),
        },
        opts.actorId,
      )
      categoriesBySlug.set(t.slug, r.id)
      count('categories', r.created)
    }
    for (const t of list) visit(t, new Set())
  }

  function tagFor(slug: string, name: string, key?: string) {
    const known = tagsBySlug.get(slug)
    if (known) return known
    const gslug = gazetteSlug(slug, name, 60) || `tag-${tagsBySlug.size + 1}`
    const r = upsertTag(db, source, {
      key: key ?? `slug:${slug}`,
      slug: gslug,
      name: htmlToText(name).slice(0, 60) || gslug,
      description: '',
      oldSlug: normalizePath(slug),
    })
    tagsBySlug.set(slug, r.id)
    count('tags', r.created)
    return r.id
  }

  async function loadFile(url: string): Promise<Buffer | null> {
    const rel = uploadPath.exec(url)?.[1]
    if (opts.mediaDir && rel) {
      const root = path.resolve(opts.mediaDir)
      let decoded = rel
      try {
        decoded = decodeURIComponent(rel)
      } catch {}
      const file = path.resolve(root, decoded)
      if (file.startsWith(root + path.sep) && fs.existsSync(file)) return fs.readFileSync(file)
    }
    if (opts.download === false) return null
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return null
    }
    if (!/^https?:$/.test(parsed.protocol) || failedHosts.has(parsed.host)) return null
    try {
      const res = await fetch(parsed, { signal: AbortSignal.timeout(15_000), redirect: 'follow' })
      if (!res.ok) return null
      if (Number(res.headers.get('content-length') ?? 0) > maxUploadBytes) return null
      const buf = Buffer.from(await res.arrayBuffer())
      return buf.length > maxUploadBytes ? null : buf
    } catch {
      // An unreachable site is not asked again for every file.
      failedHosts.add(parsed.host)
      return null
    }
  }

  async function importAttachment(item: WxrItem) {
    const url = item.attachmentUrl || item.guid
    const alt = item.meta.get('_wp_attachment_image_alt')?.[0] ?? ''
    const caption = htmlToText(item.excerpt) || null
    const credit = creditOf(item.meta.get('_wp_attachment_metadata')?.[0] ?? '')
    const details = { alt: alt.slice(0, 500), caption, credit }
    const known = findMapping(db, source, 'attachment', item.id)
    let mediaId: number | null = null
    let stored: string | undefined
    const existing = known?.targetId
      ? db.select({ id: media.id, path: media.path }).from(media).where(eq(media.id, known.targetId)).get()
      : undefined
    if (existing) {
      updateMediaDetails(db, existing.id, details, opts.actorId)
      mediaId = existing.id
      stored = existing.path
      count('media', false)
    } else {
      const buf = await loadFile(url)
      if (buf) {
        try {
          const processed = await ingestImage(buf, path.basename(new URL(url).pathname) || 'image')
          mediaId = insertMedia(db, processed, {
            ...details,
            originalName: path.basename(url),
            uploadedBy: opts.actorId,
          })
          stored = processed.path
          count('media', true)
        } catch (e) {
          if (!(e instanceof UploadError)) throw e
          skip(`attachment ${item.id} (${url})`, `${e.message} Kept at its original address.`)
        }
      }
      if (!stored) report.keptMediaUrls.push(url)
    }
    setMapping(db, source, 'attachment', item.id, mediaId, url)
    const src = stored ? uploadUrl(stored) : url
    attachments.set(item.id, { src, alt, caption: caption ?? '', parent: item.parent, mediaId })
    if (item.parent) childrenOf.set(item.parent, [...(childrenOf.get(item.parent) ?? []), item.id])
    const key = uploadKey(url)
    if (key && stored) {
      files.set(key, src)
      const from = oldPath(url)
      if (from) addImportRedirect(db, from, src)
    }
    const page = oldPath(item.link)
    if (page && !uploadPath.test(page)) attachmentPages.push({ from: page, parent: item.parent, src })
  }

  function contentContext(item: WxrItem) {
    return {
      attachment: (id: number) => attachments.get(id),
      childAttachments: () => childrenOf.get(item.id) ?? [],
      mediaUrl: (url: string) => {
        const key = uploadKey(url)
        return key ? files.get(key) : undefined
      },
    }
  }

  function comments(item: WxrItem): ImportedComment[] {
    const out: ImportedComment[] = []
    for (const c of item.comments) {
      const ping = c.type === 'pingback' || c.type === 'trackback'
      if (ping && opts.pingbacks !== 'hold') {
        count('pingbacks dropped', true)
        continue
      }
      const createdAt = wpDate(c.date, c.dateGmt, tz) ?? new Date(0)
      const userId = c.userId ? (findMapping(db, source, 'author', c.userId)?.targetId ?? null) : null
      out.push({
        wpId: c.id,
        wpParent: c.parent,
        authorName: (ping ? `${c.type === 'pingback' ? 'Pingback' : 'Trackback'}: ` : '') + (c.author || 'Anonymous'),
        authorEmail: c.email || null,
        userId,
        body: htmlToText(c.content) || '(empty)',
        status: ping ? 'pending' : commentStatus(c.approved),
        ip: c.ip || null,
        createdAt,
      })
    }
    return out
  }

  const guids = new Map<string, number>()
  const postPaths = new Map<number, string>()
  const otherTypes = new Map<string, number>()

  function importPost(item: WxrItem) {
    const label = `post ${item.id}`
    let status: ArticleStatus
    if (['trash', 'auto-draft', 'inherit'].includes(item.status))
      return skip(label, `status "${item.status}" is not imported`)
    if (item.status === 'publish') status = 'published'
    else if (item.status === 'future') status = 'scheduled'
    else if (item.status === 'pending') status = 'pending'
    else status = 'draft'
    if (item.status === 'private') skip(label, 'private post imported as a draft (Gazette has no private articles)')
    if (item.password && status === 'published') {
      status = 'draft'
      skip(label, 'password-protected post imported as a draft (Gazette has no protected articles)')
    }
    const body = convertContent(item.content, contentContext(item))
    let title = htmlToText(item.title).replace(/\s+/g, ' ').trim()
    if (!title) {
      title = htmlToText(body).split(/\s+/).slice(0, 8).join(' ').slice(0, 120) || `Untitled (${item.id})`
      skip(label, `no title; titled "${title}"`)
    }
    const publishedAt = wpDate(item.date, item.dateGmt, tz) ?? (status === 'published' ? new Date() : null)
    const slug = gazetteSlug(item.slug, title, 80) || `post-${item.id}`
    const categoryId =
      item.terms
        .filter((t) => t.domain === 'category')
        .map((t) => categoriesBySlug.get(t.slug))
        .find((id) => id) ?? null
    const tagIds = [
      ...item.terms.filter((t) => t.domain === 'post_tag').map((t) => tagFor(t.slug, t.name)),
      ...item.terms
        .filter((t) => t.domain === 'post_format')
        .map((t) => tagFor(`format-${t.slug.replace(/^post-format-/, '')}`, `Format: ${t.name}`)),
    ]
    const thumb = Number(item.meta.get('_thumbnail_id')?.[0] ?? 0)
    const featuredImageId = thumb ? (attachments.get(thumb)?.mediaId ?? null) : null
    if (thumb && !featuredImageId) skip(label, `featured image ${thumb} is not in the media library`)
    const link = oldPath(item.link)
    const oldPaths = [link]
    for (const old of item.meta.get('_wp_old_slug') ?? [])
      if (link) oldPaths.push(link.replace(/[^/]+\/$/, `${normalizePath(old)}/`))
    const authorId = authorsByLogin.get(item.creator) ?? opts.actorId
    const imported = comments(item)
    const r = upsertImportedArticle(
      db,
      source,
      {
        wpId: item.id,
        title,
        slug,
        standfirst: htmlToText(item.excerpt).slice(0, 600),
        body,
        status,
        publishedAt,
        authorId,
        categoryId,
        tagIds,
        featuredImageId,
        isFeatured: item.isSticky,
        commentsOpen: item.commentStatus === 'open',
        oldPaths,
        comments: imported,
      },
      opts.actorId,
    )
    count('posts', r.created)
    if (r.path) postPaths.set(item.id, r.path)
    imported.forEach(() => count('comments', true))
  }

  const pageParents: { pageId: number; wpParent: number }[] = []

  function importPage(item: WxrItem) {
    const label = `page ${item.id}`
    if (['trash', 'auto-draft', 'inherit'].includes(item.status))
      return skip(label, `status "${item.status}" is not imported`)
    const status = item.status === 'publish' && !item.password ? 'published' : 'draft'
    if (status === 'draft' && item.status !== 'draft')
      skip(label, `${item.password ? 'password-protected' : item.status} page imported as a draft`)
    let title = htmlToText(item.title).trim()
    if (!title) {
      title = `Untitled page (${item.id})`
      skip(label, `no title; titled "${title}"`)
    }
    const slug = gazetteSlug(item.slug, title, 80) || `page-${item.id}`
    const parentId = item.parent ? (findMapping(db, source, 'page', item.parent)?.targetId ?? null) : null
    const r = upsertImportedPage(
      db,
      source,
      {
        wpId: item.id,
        title,
        slug,
        body: convertContent(item.content, contentContext(item)),
        status,
        parentId,
        position: item.menuOrder,
        publishedAt: status === 'published' ? wpDate(item.date, item.dateGmt, tz) : null,
        oldPaths: [oldPath(item.link)],
      },
      opts.actorId,
    )
    if (item.parent && parentId === null) pageParents.push({ pageId: r.id, wpParent: item.parent })
    if (item.comments.length)
      skip(label, `${item.comments.length} comment(s) on a page not imported (Gazette pages have no comments)`)
    count('pages', r.created)
  }

  const read = (
    onEvent: (e: Awaited<ReturnType<ReturnType<typeof readWxr>['next']>>['value']) => Promise<void> | void,
  ) =>
    (async () => {
      for await (const e of readWxr(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), onBytes)) await onEvent(e)
    })()

  try {
    await read(async (e) => {
      if (!e) return
      if (e.kind === 'site') {
        const url = opts.siteUrl || e.site.baseBlogUrl || e.site.link
        try {
          const u = new URL(url)
          siteHost = u.host
          source = `${u.host}${u.pathname.replace(/\/$/, '')}`
        } catch {
          throw new WxrError('The export does not name its site (no <wp:base_blog_url> or <link>); pass --site-url.')
        }
        if (!e.site.wxrVersion) throw new WxrError('This RSS file is not a WordPress export (no <wp:wxr_version>).')
        report.source = source
        if (opts.runId) updateImportRun(db, opts.runId, { source })
      } else if (e.kind === 'author') {
        const a = e.author
        const email = a.email || `${slugify(a.login) || 'author'}@${siteHost}.invalid`
        const name = a.displayName || `${a.firstName} ${a.lastName}`.trim() || a.login
        const r = upsertAuthor(
          db,
          source,
          { key: a.id !== null ? String(a.id) : a.login, login: a.login, email, name },
          opts.actorId,
        )
        authorsByLogin.set(a.login, r.id)
        count('authors', r.created)
      } else if (e.kind === 'term') {
        const t = e.term
        if (!t.slug) return skip(`term ${t.id ?? t.name}`, 'no slug')
        if (t.taxonomy === 'category') {
          if (pendingCategories) {
            if (!pendingCategories.some((c) => c.slug === t.slug)) pendingCategories.push(t)
          } else skip(`category ${t.slug}`, 'listed after the first post; ignored')
        } else if (t.taxonomy === 'post_tag') tagFor(t.slug, t.name, t.id !== null ? String(t.id) : undefined)
        else if (t.taxonomy !== 'post_format') skip(`term ${t.slug}`, `taxonomy "${t.taxonomy}" is not imported`)
      } else {
        flushCategories()
        if (e.item.type === 'attachment') await importAttachment(e.item)
      }
    })
    flushCategories()

    await read((e) => {
      if (!e || e.kind !== 'item') return
      const item = e.item
      if (item.type === 'attachment') return
      if (item.guid && item.type !== 'nav_menu_item') {
        const first = guids.get(item.guid)
        if (first !== undefined && first !== item.id)
          skip(`${item.type} ${item.id}`, `same GUID as item ${first} (${item.guid}); imported as its own item`)
        else guids.set(item.guid, item.id)
      }
      try {
        if (item.type === 'post') importPost(item)
        else if (item.type === 'page') importPage(item)
        else otherTypes.set(item.type, (otherTypes.get(item.type) ?? 0) + 1)
      } catch (err) {
        if (err instanceof WxrError) throw err
        skip(`${item.type} ${item.id}`, `not imported: ${(err as Error).message}`)
      }
    })

    for (const [type, n] of otherTypes) skip(`${n} × ${type}`, `post type "${type}" is not imported`)
    for (const p of pageParents) {
      const parent = findMapping(db, source, 'page', p.wpParent)?.targetId
      if (parent) setPageParent(db, p.pageId, parent)
      else skip(`page ${p.pageId}`, `its parent page ${p.wpParent} is not in the export`)
    }
    for (const a of attachmentPages) {
      // An attachment page leads to the article it belongs to, else to the file itself.
      addImportRedirect(db, a.from, postPaths.get(a.parent) ?? a.src)
    }
    for (const [id, a] of attachments)
      if (a.parent && !findMapping(db, source, 'post', a.parent) && !findMapping(db, source, 'page', a.parent))
        skip(`attachment ${id}`, `its parent ${a.parent} is not in the export; kept in the media library on its own`)
    if (skippedOver) report.skipped.push({ item: '…', reason: `${skippedOver} more lines not listed` })
    done = total
    tick(true)
    if (opts.runId) updateImportRun(db, opts.runId, { status: 'done', progress: total, report })
    return report
  } catch (err) {
    report.error = err instanceof WxrError ? err.message : `The import stopped: ${(err as Error).message}`
    if (opts.runId) updateImportRun(db, opts.runId, { status: 'failed', report })
    if (err instanceof WxrError) return report
    throw err
  }
}
