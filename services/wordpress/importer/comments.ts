import { htmlToText } from '@/lib/html'
import type { ImportedComment } from '@/db/mutations/wordpress'
import { findMapping } from '@/db/queries/wordpress-import'
import type { CommentStatus } from '@/db/schema'
import type { WxrItem } from '../wxr'
import type { ImportContext } from './context'
import { itemKey, wpDate } from './keys'

const commentStatus = (approved: string): CommentStatus =>
  approved === '1' ? 'approved' : approved === 'spam' ? 'spam' : /trash/.test(approved) ? 'trash' : 'pending'

// WordPress 6.9's notes are editors' remarks on a draft, stored as comments of type "note".
const privateCommentTypes = new Set(['note'])

/**
 * A post's comments as the article upsert stores them: editorial notes left out, pingbacks and
 * trackbacks dropped or held for moderation, comments by the site's authors linked to them.
 */
export async function postComments(ctx: ImportContext, item: WxrItem): Promise<ImportedComment[]> {
  const out: ImportedComment[] = []
  for (const [index, c] of item.comments.entries()) {
    if (privateCommentTypes.has(c.type)) {
      ctx.count('editorial notes left out', true)
      continue
    }
    const ping = c.type === 'pingback' || c.type === 'trackback'
    if (ping && ctx.opts.pingbacks !== 'hold') {
      ctx.count('pingbacks dropped', true)
      continue
    }
    const createdAt = wpDate(c.date, c.dateGmt, ctx.timeZone) ?? new Date(0)
    const userId = c.userId ? ((await findMapping(ctx.source, 'author', c.userId))?.targetId ?? null) : null
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
