import fs from 'node:fs'
import path from 'node:path'
import { db, transaction } from '@/db/client'
import { readSiteSettings } from '@/db/mutations/settings'
import { updateImportRun } from '@/db/mutations/wordpress'
import { slugify } from '@/lib/slug'
import { uploadsDir } from '@/services/media'
import { importAttachment, reportOrphanAttachments } from './importer/attachments'
import { importAuthor } from './importer/authors'
import { createImportContext, type ImportContext, type ImportOptions, type ImportResult } from './importer/context'
import { importItem, linkPageParents, reportPosts } from './importer/posts'
import { redirectAttachmentPages } from './importer/redirects'
import { flushCategories, importTerm } from './importer/terms'
import { readWxr, type WxrEvent, type WxrItem, WxrError } from './wxr'

export type { ImportOptions, ImportResult }
export { offsiteUploadKey, oldPath, uploadKey, wpDate } from './importer/keys'

const supportedWxr = /^1\.[0-2]$/

/**
 * The site an export comes from, which mappings are recorded under. An export that names no site
 * (hand-made, or cut from a larger one) is still imported: its items' own addresses tell the
 * site. Authors and terms wait for the first item to say so.
 */
class SiteReader {
  private waiting: WxrEvent[] | null = null
  private title = ''

  constructor(private ctx: ImportContext) {}

  get settled() {
    return !this.waiting
  }

  async use(url: string) {
    const { ctx } = this
    const u = new URL(url)
    ctx.siteHost = u.host
    ctx.source = `${u.host}${u.pathname.replace(/\/$/, '')}`
    ctx.report.source = ctx.source
    if (ctx.opts.runId) await updateImportRun(ctx.opts.runId, { source: ctx.source })
  }

  async read(site: Extract<WxrEvent, { kind: 'site' }>['site']) {
    const { ctx } = this
    const { wxrVersion } = site
    if (!wxrVersion) throw new WxrError('This RSS file is not a WordPress export (no <wp:wxr_version>).')
    if (!/^\d+\.\d+$/.test(wxrVersion))
      throw new WxrError(
        `The export's <wp:wxr_version> "${wxrVersion.slice(0, 40)}" is not a version number; the file was not imported.`,
      )
    if (!supportedWxr.test(wxrVersion))
      ctx.skip('site', `WXR ${wxrVersion} is newer than the versions Gazette knows (1.0 to 1.2); read as 1.2`)
    const url = ctx.opts.siteUrl || site.baseBlogUrl || site.link
    if (url) {
      let parsed = true
      try {
        new URL(url)
      } catch {
        parsed = false
      }
      if (!parsed) throw new WxrError(`The site address "${url.slice(0, 200)}" is not a URL; pass --site-url.`)
      await this.use(url)
    } else {
      this.title = site.title
      this.waiting = []
    }
  }

  hold(e: WxrEvent) {
    this.waiting!.push(e)
  }

  /** Settles the site from an item (or from nothing, at the end); returns the events held until then. */
  async settle(item?: WxrItem) {
    const { ctx } = this
    if (!this.waiting) return []
    const found = [item?.link, item?.guid, item?.attachmentUrl].find((u) => u && /^https?:\/\//.test(u))
    if (found) {
      await this.use(new URL(found).origin)
      ctx.skip(
        'site',
        `the export names no address; taken as ${new URL(found).origin} from its items (pass --site-url if the site lived in a subfolder)`,
      )
    } else {
      ctx.source = `export:${slugify(this.title, 60) || 'untitled'}`
      ctx.report.source = ctx.source
      ctx.skip(
        'site',
        'the export names no address and its items none either: old links cannot be redirected (pass --site-url to)',
      )
    }
    const held = this.waiting
    this.waiting = null
    return held
  }
}

/**
 * Imports a WordPress export (WXR 1.1/1.2) read twice as a stream: first authors, terms and
 * attachments, then posts, pages and their comments, so that featured images and galleries find
 * their media. Each item is written in its own transaction and keyed on (source site, WordPress
 * id): a second run updates what the first wrote, and a run that stopped half-way is resumed by
 * running it again.
 */
export async function importWordpress(file: string, opts: ImportOptions): Promise<ImportResult> {
  const total = fs.statSync(file).size * 2
  let done = 0
  let lastTick = 0
  const ctx = createImportContext(opts, (await readSiteSettings(db)).timezone)
  const { report } = ctx
  const tick = async (force = false) => {
    const now = Date.now()
    if (!force && now - lastTick < 250) return
    lastTick = now
    opts.onProgress?.(done, total)
    if (opts.runId) await updateImportRun(opts.runId, { progress: done, report })
  }
  const read = async (onEvent: (e: WxrEvent) => Promise<void>) => {
    const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 })
    for await (const e of readWxr(stream, (n) => (done += n))) {
      await tick()
      if (e) await onEvent(e)
    }
  }
  const site = new SiteReader(ctx)

  async function firstPass(e: WxrEvent): Promise<void> {
    if (e.kind === 'site') await site.read(e.site)
    else if (!site.settled && e.kind !== 'item') site.hold(e)
    else if (e.kind === 'author') await importAuthor(ctx, e.author)
    else if (e.kind === 'term') await importTerm(ctx, e.term)
    else {
      for (const held of await site.settle(e.item)) await firstPass(held)
      await flushCategories(ctx)
      if (e.item.type === 'attachment') await importAttachment(ctx, e.item)
    }
  }

  async function run() {
    await read(firstPass)
    for (const held of await site.settle()) await firstPass(held)
    await flushCategories(ctx)

    await read(async (e) => {
      if (e.kind !== 'item' || e.item.type === 'attachment') return
      try {
        await importItem(ctx, e.item)
      } catch (err) {
        if (err instanceof WxrError) throw err
        ctx.skip(`${e.item.type} ${e.item.id}`, `not imported: ${(err as Error).message}`)
      }
    })

    reportPosts(ctx)
    await linkPageParents(ctx)
    await redirectAttachmentPages(ctx)
    await reportOrphanAttachments(ctx)
    ctx.closeSkipped()
    done = total
    await tick(true)
    if (opts.runId) await updateImportRun(opts.runId, { status: 'done', progress: total, report })
  }

  try {
    if (opts.atomic) await transaction(run)
    else await run()
    return report
  } catch (err) {
    report.error = err instanceof WxrError ? err.message : `The import stopped: ${(err as Error).message}`
    if (opts.atomic) {
      for (const rel of ctx.media.storedFiles) fs.rmSync(path.join(uploadsDir, rel), { force: true })
      report.skipped.push({ item: 'import', reason: 'stopped and rolled back: nothing of it was kept' })
    } else {
      const { written } = ctx
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
    if (opts.runId) await updateImportRun(opts.runId, { status: 'failed', report })
    if (err instanceof WxrError) return report
    throw err
  }
}
