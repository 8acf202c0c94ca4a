import { slugify } from '@/lib/slug'
import { upsertAuthor } from '@/db/mutations/wordpress'
import type { WxrAuthor } from '../wxr'
import type { ImportContext } from './context'

/** An author of the export becomes an invited staff account (see upsertAuthor). */
export async function importAuthor(ctx: ImportContext, a: WxrAuthor) {
  const email = a.email || `${slugify(a.login) || 'author'}@${ctx.siteHost}.invalid`
  const name = a.displayName || `${a.firstName} ${a.lastName}`.trim() || a.login
  const r = await upsertAuthor(
    ctx.source,
    { key: a.id !== null ? String(a.id) : a.login, login: a.login, email, name },
    ctx.opts.actorId,
  )
  ctx.authorsByLogin.set(a.login, r.id)
  if (r.slugTaken)
    ctx.skip(
      `author ${a.login}`,
      `/author/${slugify(a.login, 60)}/ belongs to a Gazette author with published stories; imported as /author/${r.slug}/`,
    )
  if (r.created) ctx.written.authors.add(a.login)
  ctx.count('authors', r.created)
}
