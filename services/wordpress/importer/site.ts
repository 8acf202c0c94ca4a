import { slugify } from '@/lib/slug'
import { updateImportRun } from '@/db/mutations/wordpress'
import { type WxrEvent, type WxrItem, type WxrSite, WxrError } from '../wxr'
import type { ImportContext } from './context'

const supportedWxr = /^1\.[0-2]$/

/**
 * The site an export comes from, which mappings are recorded under. An export that names no site
 * (hand-made, or cut from a larger one) is still imported: its items' own addresses tell the
 * site. Authors and terms wait for the first item to say so.
 */
export class SiteReader {
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

  async read(site: WxrSite) {
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
