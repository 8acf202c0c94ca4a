import { TZDate } from '@date-fns/tz'
import fs from 'node:fs'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { htmlToText } from '@/lib/html'
import { ingestImage, maxUploadBytes, UploadError, uploadsDir } from '@/services/media'
import { slugify } from '@/lib/slug'
import { uploadUrl } from '@/lib/urls'
import type { Executor } from '@/db/client'
import type { MediaDetails } from '@/db/mutations/media'
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
import { type ArticleStatus, auditLog, type CommentStatus, type ImportReport, media } from '@/db/schema'
import type { ProcessedImage } from '@/services/media'
import { convertContent } from './content'
import { readWxr, type WxrEvent, type WxrItem, type WxrTerm, WxrError } from './wxr'

// TODO(data layer): synchronous copies of insertMedia and updateMediaDetails that write to the
// importer's own database (it may be another file), until the importer uses withDatabase().
function insertMedia(
  db: Executor,
  processed: ProcessedImage,
  opts: MediaDetails & { originalName: string | null; uploadedBy: number },
) {
  return db.transaction((tx) => {
    const { id } = tx
      .insert(media)
      .values({
        path: processed.path,
        originalName: opts.originalName,
        mimeType: processed.mimeType,
        width: processed.width,
        height: processed.height,
        bytes: processed.bytes,
        variants: processed.variants,
        alt: opts.alt,
        caption: opts.caption,
        credit: opts.credit,
        uploadedBy: opts.uploadedBy,
      })
      .returning({ id: media.id })
      .get()
    tx.insert(auditLog)
      .values({ userId: opts.uploadedBy, action: 'upload', entityType: 'media', entityId: id, detail: processed.path })
      .run()
    return id
  })
}

function updateMediaDetails(db: Executor, id: number, details: MediaDetails, actorId: number) {
  return db.transaction((tx) => {
    const updated = tx.update(media).set(details).where(eq(media.id, id)).returning({ path: media.path }).get()
    if (!updated) return false
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'update', entityType: 'media', entityId: id, detail: updated.path })
      .run()
    return true
  })
}

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
  /**
   * All or nothing: the whole import is one transaction, rolled back (files included) when it
   * stops. Other writers wait for it, so it suits the command line, not a running site's upload.
   */
  atomic?: boolean
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

const withoutSize = (rel: string) => rel.replace(/-\d+x\d+(?=\.\w+$)/, '').replace(/-scaled(?=\.\w+$)/, '')
const decoded = (s: string) => {
  try {
    return decodeURI(s)
  } catch {
    return s
  }
}

/** The key a file under wp-content/uploads is known by, size suffix and query removed. */
export function uploadKey(url: string) {
  const m = uploadPath.exec(url)
  return m ? withoutSize(decoded(m[1]!)) : undefined
}

const urlKey = (url: string) => withoutSize(decoded(url.replace(/[?#].*$/, '').replace(/^https?:/, '')))

/**
 * The same key for a file served from elsewhere: a CDN, an offload plugin's bucket or a
 * WordPress.com files host keep WordPress's `YYYY/MM/name` at the end of the path.
 */
export function offsiteUploadKey(url: string) {
  try {
    const m = /(?:^|\/)(\d{4}\/\d{2}\/[^/]+)$/.exec(new URL(url).pathname)
    return m ? withoutSize(decoded(m[1]!)) : undefined
  } catch {
    return undefined
  }
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

// WordPress 6.9's notes are editors' remarks on a draft, stored as comments of type "note".
const privateCommentTypes = new Set(['note'])
const supportedWxr = /^1\.[0-2]$/

/** What an item is known by across imports: its id, else its GUID, else its permalink. */
function itemKey(item: WxrItem) {
  if (item.id > 0) return String(item.id)
  if (item.guid) return `guid:${item.guid}`
  if (item.link) return `link:${item.link}`
  return `name:${item.type}:${item.slug || item.title}:${item.date}`
}

/**
 * A post's terms, tags under both of their names. WXR 1.0 wrote every term twice, once without a
 * domain (categories) or without a nicename (tags): the fuller entry is kept.
 */
function postTerms(item: WxrItem) {
  const out: { domain: string; slug: string; name: string }[] = []
  for (const t of item.terms) {
    const domain = t.domain === 'tag' ? 'post_tag' : t.domain || 'category'
    const name = t.name.trim()
    const twin = item.terms.some(
      (o) => o !== t && o.name.trim() === name && (t.domain ? o.domain === t.domain && o.slug && !t.slug : !!o.domain),
    )
    if (twin) continue
    const slug = t.slug || (domain === 'post_tag' ? slugify(name, 60) : '')
    if (!slug && !name) continue
    if (!out.some((o) => o.domain === domain && (o.slug || o.name) === (slug || name))) out.push({ domain, slug, name })
  }
  return out
}

const itemLabel = (item: WxrItem) =>
  item.id > 0 ? `${item.type} ${item.id}` : `${item.type} "${htmlToText(item.title).slice(0, 60) || item.guid}"`

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
  // Hosts the export's media were served from, so that their links inside posts can be matched.
  const mediaHosts = new Set<string>()
  // What a failed run leaves behind, for its report: every item is its own transaction.
  const written = { sections: new Set<string>(), authors: new Set<string>() }
  const storedFiles: string[] = []
  const authorsByLogin = new Map<string, number>()
  const categoriesBySlug = new Map<string, number>()
  const categoriesByTermId = new Map<number, number>()
  const tagsBySlug = new Map<string, number>()
  const attachments = new Map<number, Attachment>()
  const childrenOf = new Map<number, number[]>()
  const files = new Map<string, string>()
  // An offload service's own file names match nothing but the address itself.
  const filesByUrl = new Map<string, string>()
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
      if (t.id !== null) categoriesByTermId.set(t.id, r.id)
      if (r.created) written.sections.add(slug)
      count('categories', r.created)
    }
    for (const t of list) visit(t, new Set())
  }

  /**
   * A section named on a post but not in the export's list: a "Posts" export (how a large
   * archive is split by date) lists no categories at channel level, only on each item.
   */
  function categoryFor(term: { slug: string; name: string }) {
    const wpSlug = term.slug || slugify(htmlToText(term.name), 80)
    if (!wpSlug) return undefined
    const known = categoriesBySlug.get(wpSlug)
    if (known) return known
    const slug = gazetteSlug(wpSlug, term.name, 80) || `category-${categoriesBySlug.size + 1}`
    const r = upsertCategory(
      db,
      source,
      {
        key: `slug:${wpSlug}`,
        slug,
        name: htmlToText(term.name) || slug,
        description: '',
        parentId: null,
        oldSlug: normalizePath(wpSlug),
      },
      opts.actorId,
    )
    categoriesBySlug.set(wpSlug, r.id)
    if (r.created) written.sections.add(slug)
    count('categories', r.created)
    skip(
      `category ${wpSlug}`,
      'named on posts only (the export lists no sections, as a "Posts" export does not); created at the top level',
    )
    return r.id
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

  async function loadFile(url: string, attachedFile: string): Promise<Buffer | null> {
    if (opts.mediaDir) {
      const root = path.resolve(opts.mediaDir)
      // Where the file sits in wp-content/uploads: WordPress's own record of it first, then what
      // the address shows (an offloaded or CDN address keeps the YYYY/MM/name tail).
      const offsite = /(?:^|\/)(\d{4}\/\d{2}\/[^/?#]+)(?:[?#].*)?$/.exec(url)?.[1]
      for (const rel of [attachedFile, uploadPath.exec(url)?.[1], offsite]) {
        if (!rel) continue
        let name = rel
        try {
          name = decodeURIComponent(rel)
        } catch {}
        const file = path.resolve(root, name)
        if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile())
          return fs.readFileSync(file)
      }
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
    const key = itemKey(item)
    const attachedFile = (item.meta.get('_wp_attached_file')?.[0] ?? '').replace(/^\/+/, '')
    try {
      mediaHosts.add(new URL(url).host)
    } catch {}
    const alt = item.meta.get('_wp_attachment_image_alt')?.[0] ?? ''
    const caption = htmlToText(item.excerpt) || null
    const credit = creditOf(item.meta.get('_wp_attachment_metadata')?.[0] ?? '')
    const details = { alt: alt.slice(0, 500), caption, credit }
    const known = findMapping(db, source, 'attachment', key)
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
      const buf = await loadFile(url, attachedFile)
      if (buf) {
        try {
          const processed = await ingestImage(buf, path.basename(new URL(url).pathname) || 'image')
          storedFiles.push(...processed.variants.map((v) => v.path))
          mediaId = insertMedia(db, processed, {
            ...details,
            originalName: path.basename(url),
            uploadedBy: opts.actorId,
          })
          stored = processed.path
          count('media', true)
        } catch (e) {
          if (!(e instanceof UploadError)) throw e
          skip(`${itemLabel(item)} (${url})`, `${e.message} Kept at its original address.`)
        }
      }
      if (!stored) report.keptMediaUrls.push(url)
    }
    setMapping(db, source, 'attachment', key, mediaId, url)
    const src = stored ? uploadUrl(stored) : url
    if (item.id > 0) {
      attachments.set(item.id, { src, alt, caption: caption ?? '', parent: item.parent, mediaId })
      if (item.parent) childrenOf.set(item.parent, [...(childrenOf.get(item.parent) ?? []), item.id])
    }
    const fileKey = uploadKey(url) ?? (attachedFile ? withoutSize(decoded(attachedFile)) : offsiteUploadKey(url))
    if (stored) filesByUrl.set(urlKey(url), src)
    if (fileKey && stored) {
      files.set(fileKey, src)
      // Only the old site's own addresses can be asked of Gazette; a CDN's are not its to answer.
      const from = new URL(url).host === siteHost ? oldPath(url) : ''
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
        let key = uploadKey(url)
        if (!key) {
          try {
            if (mediaHosts.has(new URL(url).host)) key = offsiteUploadKey(url)
          } catch {}
        }
        return (key ? files.get(key) : undefined) ?? filesByUrl.get(urlKey(url))
      },
    }
  }

  function comments(item: WxrItem): ImportedComment[] {
    const out: ImportedComment[] = []
    for (const [index, c] of item.comments.entries()) {
      if (privateCommentTypes.has(c.type)) {
        count('editorial notes left out', true)
        continue
      }
      const ping = c.type === 'pingback' || c.type === 'trackback'
      if (ping && opts.pingbacks !== 'hold') {
        count('pingbacks dropped', true)
        continue
      }
      const createdAt = wpDate(c.date, c.dateGmt, tz) ?? new Date(0)
      const userId = c.userId ? (findMapping(db, source, 'author', c.userId)?.targetId ?? null) : null
      out.push({
        key: c.id > 0 ? String(c.id) : `${itemKey(item)}#${index}`,
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
  let inSeveralSections = 0
  const postPaths = new Map<number, string>()
  const otherTypes = new Map<string, number>()

  function importPost(item: WxrItem) {
    const label = itemLabel(item)
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
    const publishedAt = wpDate(item.date, item.dateGmt, tz)
    const modifiedAt = wpDate(item.modified, item.modifiedGmt, tz)
    if (!publishedAt && status === 'published')
      skip(
        label,
        `no publication date; dated ${modifiedAt ? 'by its last change' : 'at its first import'}, and kept on later imports`,
      )
    const slug = gazetteSlug(item.slug, title, 80) || `post-${item.id || 'untitled'}`
    const terms = postTerms(item)
    const categoryIds = [...new Set(terms.filter((t) => t.domain === 'category').flatMap((t) => categoryFor(t) ?? []))]
    // SEO plugins record the category WordPress itself has no notion of: the primary one.
    const primaryTerm = Number(
      item.meta.get('_yoast_wpseo_primary_category')?.[0] ?? item.meta.get('rank_math_primary_category')?.[0] ?? 0,
    )
    const chosen = categoriesByTermId.get(primaryTerm)
    const categoryId = chosen && categoryIds.includes(chosen) ? chosen : (categoryIds[0] ?? null)
    const secondaryCategoryIds = categoryIds.filter((id) => id !== categoryId)
    if (secondaryCategoryIds.length) inSeveralSections++
    const tagIds = [
      ...terms.filter((t) => t.domain === 'post_tag').map((t) => tagFor(t.slug, t.name)),
      ...terms
        .filter((t) => t.domain === 'post_format')
        .map((t) => tagFor(`format-${t.slug.replace(/^post-format-/, '')}`, `Format: ${t.name}`)),
    ]
    const thumb = Number(item.meta.get('_thumbnail_id')?.[0] ?? 0)
    const featuredImageId = thumb ? (attachments.get(thumb)?.mediaId ?? null) : null
    if (thumb && !featuredImageId) skip(label, `featured image ${thumb} is not in the media library`)
    const link = oldPath(item.link)
    const oldPaths = [link]
    for (const old of item.meta.get('_wp_old_slug') ?? [])
      if (link) oldPaths.push(link.replace(/[^/]+(\/?)$/, `${normalizePath(old)}$1`))
    const authorId = authorsByLogin.get(item.creator) ?? opts.actorId
    const imported = comments(item)
    const r = upsertImportedArticle(
      db,
      source,
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
        comments: imported,
      },
      opts.actorId,
    )
    count('posts', r.created)
    if (r.path && item.id > 0) postPaths.set(item.id, r.path)
    imported.forEach(() => count('comments', true))
  }

  const pageParents: { pageId: number; wpParent: number }[] = []

  function importPage(item: WxrItem) {
    const label = itemLabel(item)
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
        key: itemKey(item),
        wpId: item.id,
        title,
        slug,
        body: convertContent(item.content, contentContext(item)),
        status,
        parentId,
        position: item.menuOrder,
        publishedAt: status === 'published' ? wpDate(item.date, item.dateGmt, tz) : null,
        modifiedAt: wpDate(item.modified, item.modifiedGmt, tz),
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

  function useSite(url: string) {
    const u = new URL(url)
    siteHost = u.host
    source = `${u.host}${u.pathname.replace(/\/$/, '')}`
    report.source = source
    if (opts.runId) updateImportRun(db, opts.runId, { source })
  }

  // An export that names no site (hand-made, or cut from a larger one) is still imported: its
  // items' own addresses tell the site. Authors and terms wait for the first item to say so.
  let waiting: WxrEvent[] | null = null
  let siteTitle = ''
  function settleSite(item?: WxrItem) {
    if (!waiting) return
    const found = [item?.link, item?.guid, item?.attachmentUrl].find((u) => u && /^https?:\/\//.test(u))
    if (found) {
      useSite(new URL(found).origin)
      skip(
        'site',
        `the export names no address; taken as ${new URL(found).origin} from its items (pass --site-url if the site lived in a subfolder)`,
      )
    } else {
      source = `export:${slugify(siteTitle, 60) || 'untitled'}`
      report.source = source
      skip(
        'site',
        'the export names no address and its items none either: old links cannot be redirected (pass --site-url to)',
      )
    }
    const held = waiting
    waiting = null
    return held
  }

  async function firstPass(e: WxrEvent) {
    if (e.kind === 'site') {
      const { wxrVersion } = e.site
      if (!wxrVersion) throw new WxrError('This RSS file is not a WordPress export (no <wp:wxr_version>).')
      if (!/^\d+\.\d+$/.test(wxrVersion))
        throw new WxrError(
          `The export's <wp:wxr_version> "${wxrVersion.slice(0, 40)}" is not a version number; the file was not imported.`,
        )
      if (!supportedWxr.test(wxrVersion))
        skip('site', `WXR ${wxrVersion} is newer than the versions Gazette knows (1.0 to 1.2); read as 1.2`)
      const url = opts.siteUrl || e.site.baseBlogUrl || e.site.link
      if (url) {
        try {
          useSite(url)
        } catch {
          throw new WxrError(`The site address "${url.slice(0, 200)}" is not a URL; pass --site-url.`)
        }
      } else {
        siteTitle = e.site.title
        waiting = []
      }
    } else if (waiting && e.kind !== 'item') {
      waiting.push(e)
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
      if (r.slugTaken)
        skip(
          `author ${a.login}`,
          `/author/${slugify(a.login, 60)}/ belongs to a Gazette author with published stories; imported as /author/${r.slug}/`,
        )
      if (r.created) written.authors.add(a.login)
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
      for (const held of settleSite(e.item) ?? []) await firstPass(held)
      flushCategories()
      if (e.item.type === 'attachment') await importAttachment(e.item)
    }
  }

  if (opts.atomic) db.run(sql`BEGIN IMMEDIATE`)
  try {
    await read(async (e) => {
      if (e) await firstPass(e)
    })
    for (const held of settleSite() ?? []) await firstPass(held)
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

    if (inSeveralSections)
      skip(
        `${inSeveralSections} × post in several categories`,
        "the SEO plugin's primary category (else the first) is the section; the others are secondary sections, shown on the article and listed on their section pages",
      )
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
    if (opts.atomic) db.run(sql`COMMIT`)
    return report
  } catch (err) {
    report.error = err instanceof WxrError ? err.message : `The import stopped: ${(err as Error).message}`
    if (opts.atomic) {
      db.run(sql`ROLLBACK`)
      for (const rel of storedFiles) fs.rmSync(path.join(uploadsDir, rel), { force: true })
      report.skipped.push({ item: 'import', reason: 'stopped and rolled back: nothing of it was kept' })
    } else {
      const left = [
        written.sections.size ? `sections ${[...written.sections].join(', ')}` : '',
        written.authors.size ? `authors ${[...written.authors].join(', ')}` : '',
        report.counts.posts ? `${report.counts.posts.created} new posts` : '',
        report.counts.media ? `${report.counts.media.created} new images` : '',
      ].filter(Boolean)
      if (left.length)
        report.skipped.push({
          item: 'import',
          reason: `stopped; kept what it had written (${left.join('; ')}). Running it again resumes it; --atomic imports all or nothing`,
        })
    }
    if (opts.runId) updateImportRun(db, opts.runId, { status: 'failed', report })
    if (err instanceof WxrError) return report
    throw err
  }
}
