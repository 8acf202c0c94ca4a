import fs from 'node:fs'
import { transaction } from '@/db/client'
import { readSiteSettings } from '@/db/queries/site-settings'
import { updateImportRun } from '@/db/mutations/wordpress'
import { deleteMediaFiles } from '@/services/media'
import { importAttachment, reportOrphanAttachments } from './importer/attachments'
import { importAuthor } from './importer/authors'
import { createImportContext, type ImportOptions, type ImportResult } from './importer/context'
import { importItem, linkPageParents, reportPosts } from './importer/posts'
import { redirectAttachmentPages } from './importer/redirects'
import { SiteReader } from './importer/site'
import { flushCategories, importTerm } from './importer/terms'
import { readWxr, type WxrEvent, WxrError } from './wxr'

export type { ImportOptions, ImportResult }
export { offsiteUploadKey, oldPath, uploadKey, wpDate } from './importer/keys'

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
  const ctx = createImportContext(opts, (await readSiteSettings()).timezone)
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
      await onEvent(e)
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
      await deleteMediaFiles(ctx.media.storedFiles)
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
