import fs from 'node:fs'
import path from 'node:path'
import { saveImportedAttachment } from '@/db/mutations/wordpress'
import { findImportedMedia, findMapping } from '@/db/queries/wordpress-import'
import { htmlToText } from '@/lib/html'
import { uploadUrl } from '@/lib/urls'
import { ingestImage, maxUploadBytes, type ProcessedImage, UploadError } from '@/services/media'
import type { ContentContext } from '../content'
import type { WxrItem } from '../wxr'
import type { ImportContext } from './context'
import { decoded, itemKey, itemLabel, offsiteUploadKey, uploadKey, uploadPath, urlKey, withoutSize } from './keys'
import { fileRedirectSource, noteAttachmentPage } from './redirects'

// PHP-serialized attachment metadata; only the credit is wanted from it.
const creditOf = (serialized: string) => /s:6:"credit";s:\d+:"([^"]*)"/.exec(serialized)?.[1] || null

/** An attachment's file: from the local copy of wp-content/uploads, else from the old site. */
async function loadFile(ctx: ImportContext, url: string, attachedFile: string): Promise<Buffer | null> {
  const { opts } = ctx
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
  if (!/^https?:$/.test(parsed.protocol) || ctx.media.failedHosts.has(parsed.host)) return null
  try {
    const res = await fetch(parsed, { signal: AbortSignal.timeout(15_000), redirect: 'follow' })
    if (!res.ok) return null
    if (Number(res.headers.get('content-length') ?? 0) > maxUploadBytes) return null
    const buf = Buffer.from(await res.arrayBuffer())
    return buf.length > maxUploadBytes ? null : buf
  } catch {
    // An unreachable site is not asked again for every file.
    ctx.media.failedHosts.add(parsed.host)
    return null
  }
}

/**
 * Brings an attachment into the media library: an earlier import's copy gets the export's alt,
 * caption and credit; a new one is read from disk or downloaded. A file that cannot be had stays
 * at its old address, which posts then keep.
 */
export async function importAttachment(ctx: ImportContext, item: WxrItem) {
  const { media, opts } = ctx
  const url = item.attachmentUrl || item.guid
  const key = itemKey(item)
  const attachedFile = (item.meta.get('_wp_attached_file')?.[0] ?? '').replace(/^\/+/, '')
  try {
    media.hosts.add(new URL(url).host)
  } catch {}
  const alt = item.meta.get('_wp_attachment_image_alt')?.[0] ?? ''
  const caption = htmlToText(item.excerpt) || null
  const credit = creditOf(item.meta.get('_wp_attachment_metadata')?.[0] ?? '')
  const details = { alt: alt.slice(0, 500), caption, credit }
  const known = await findMapping(ctx.source, 'attachment', key)
  const existing = known?.targetId ? await findImportedMedia(known.targetId) : undefined
  let processed: ProcessedImage | undefined
  if (!existing) {
    const buf = await loadFile(ctx, url, attachedFile)
    if (buf) {
      try {
        processed = await ingestImage(buf, path.basename(new URL(url).pathname) || 'image')
        media.storedFiles.push(...processed.variants.map((v) => v.path))
      } catch (e) {
        if (!(e instanceof UploadError)) throw e
        ctx.skip(`${itemLabel(item)} (${url})`, `${e.message} Kept at its original address.`)
      }
    }
  }
  const stored = existing?.path ?? processed?.path
  const src = stored ? uploadUrl(stored) : url
  const fileKey = uploadKey(url) ?? (attachedFile ? withoutSize(decoded(attachedFile)) : offsiteUploadKey(url))
  const mediaId = await saveImportedAttachment(
    ctx.source,
    {
      key,
      url,
      details,
      existingId: existing?.id,
      processed,
      originalName: path.basename(url),
      redirectFrom: fileKey && stored ? fileRedirectSource(ctx, url) : '',
      src,
    },
    opts.actorId,
  )
  if (existing || processed) ctx.count('media', !existing)
  else ctx.report.keptMediaUrls.push(url)
  if (item.id > 0) {
    media.attachments.set(item.id, { src, alt, caption: caption ?? '', parent: item.parent, mediaId })
    if (item.parent) media.childrenOf.set(item.parent, [...(media.childrenOf.get(item.parent) ?? []), item.id])
  }
  if (stored) media.filesByUrl.set(urlKey(url), src)
  if (fileKey && stored) media.files.set(fileKey, src)
  noteAttachmentPage(ctx, item.link, item.parent, src)
}

/** How a post's body finds the media of the export: by attachment id, or by an old file address. */
export function mediaContext(ctx: ImportContext, item: WxrItem): ContentContext {
  const { media } = ctx
  return {
    attachment: (id: number) => media.attachments.get(id),
    childAttachments: () => media.childrenOf.get(item.id) ?? [],
    mediaUrl: (url: string) => {
      let key = uploadKey(url)
      if (!key) {
        try {
          if (media.hosts.has(new URL(url).host)) key = offsiteUploadKey(url)
        } catch {}
      }
      return (key ? media.files.get(key) : undefined) ?? media.filesByUrl.get(urlKey(url))
    },
  }
}

/** Attachments whose post is not in the export stay in the media library on their own. */
export async function reportOrphanAttachments(ctx: ImportContext) {
  for (const [id, a] of ctx.media.attachments)
    if (
      a.parent &&
      !(await findMapping(ctx.source, 'post', a.parent)) &&
      !(await findMapping(ctx.source, 'page', a.parent))
    )
      ctx.skip(`attachment ${id}`, `its parent ${a.parent} is not in the export; kept in the media library on its own`)
}
