import { addImportRedirect } from '@/db/mutations/wordpress'
import type { ImportContext } from './context'
import { oldPath, uploadPath } from './keys'

/** Where a file of the old site was served, when that address can be asked of Gazette; else ''. */
export function fileRedirectSource(ctx: ImportContext, url: string) {
  // Only the old site's own addresses can be asked of Gazette; a CDN's are not its to answer.
  return new URL(url).host === ctx.siteHost ? oldPath(url) : ''
}

/** Notes an attachment's own page, redirected once the posts have their addresses. */
export function noteAttachmentPage(ctx: ImportContext, link: string, parent: number, src: string) {
  const page = oldPath(link)
  if (page && !uploadPath.test(page)) ctx.media.pages.push({ from: page, parent, src })
}

/** An attachment page leads to the article it belongs to, else to the file itself. */
export async function redirectAttachmentPages(ctx: ImportContext) {
  for (const a of ctx.media.pages) await addImportRedirect(a.from, ctx.posts.paths.get(a.parent) ?? a.src)
}
