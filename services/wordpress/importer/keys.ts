import { TZDate } from '@date-fns/tz'
import { htmlToText } from '@/lib/html'
import type { WxrItem } from '../wxr'

// WordPress keeps files under /wp-content/uploads/, Gazette (whose exports import too) under /uploads/.
export const uploadPath = /\/(?:wp-content\/)?uploads\/([^?#]+)/
const zeroDate = /^0000-00-00/

export function normalizePath(p: string) {
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

export const withoutSize = (rel: string) => rel.replace(/-\d+x\d+(?=\.\w+$)/, '').replace(/-scaled(?=\.\w+$)/, '')

export const decoded = (s: string) => {
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

export const urlKey = (url: string) => withoutSize(decoded(url.replace(/[?#].*$/, '').replace(/^https?:/, '')))

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

/** What an item is known by across imports: its id, else its GUID, else its permalink. */
export function itemKey(item: WxrItem) {
  if (item.id > 0) return String(item.id)
  if (item.guid) return `guid:${item.guid}`
  if (item.link) return `link:${item.link}`
  return `name:${item.type}:${item.slug || item.title}:${item.date}`
}

export const itemLabel = (item: WxrItem) =>
  item.id > 0 ? `${item.type} ${item.id}` : `${item.type} "${htmlToText(item.title).slice(0, 60) || item.guid}"`
