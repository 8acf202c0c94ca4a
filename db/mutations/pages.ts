import { and, eq, ne } from 'drizzle-orm'
import { sanitizeBody } from '@/lib/html'
import { pagePath } from '@/lib/urls'
import type { Executor } from '../client'
import { auditLog, pages } from '../schema'
import { SlugTakenError } from './articles'
import { addRedirect } from './taxonomy'

export { SlugTakenError }

// Static pages live at /<slug>/, so these would shadow (or be shadowed by) the site's own routes.
const reservedSlugs = new Set([
  'category',
  'tag',
  'author',
  'search',
  'feed',
  'admin',
  'api',
  'uploads',
  'page',
  'account',
  'signin',
  'signup',
  'wp-admin',
  'wp-content',
  'wp-login.php',
  'sitemap.xml',
  'robots.txt',
])

/** A slug a static page may not take: a route of the site or a year archive (/2026/). */
export function isReservedPageSlug(slug: string) {
  const s = slug.toLowerCase()
  return reservedSlugs.has(s) || /^\d{4}$/.test(s)
}

export class ReservedSlugError extends Error {}

export type PageFields = {
  slug: string
  title: string
  /** Raw editor HTML; stored only after sanitizing. */
  body: string
  status: 'draft' | 'published'
  inTopNav: boolean
  position: number
  seoDescription: string | null
}

function checkSlug(tx: Executor, slug: string, exceptId?: number) {
  if (isReservedPageSlug(slug)) throw new ReservedSlugError(slug)
  const clash = tx
    .select({ id: pages.id })
    .from(pages)
    .where(exceptId ? and(eq(pages.slug, slug), ne(pages.id, exceptId)) : eq(pages.slug, slug))
    .get()
  if (clash) throw new SlugTakenError(slug)
}

export function insertPage(db: Executor, fields: PageFields, actorId: number, now = new Date()) {
  return db.transaction((tx) => {
    checkSlug(tx, fields.slug)
    const { id } = tx
      .insert(pages)
      .values({
        ...fields,
        body: sanitizeBody(fields.body),
        publishedAt: fields.status === 'published' ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: pages.id })
      .get()
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'create', entityType: 'page', entityId: id, detail: fields.title })
      .run()
    return { id, slug: fields.slug }
  })
}

export function updatePage(db: Executor, id: number, fields: PageFields, actorId: number, now = new Date()) {
  return db.transaction((tx) => {
    const before = tx
      .select({ slug: pages.slug, status: pages.status, publishedAt: pages.publishedAt })
      .from(pages)
      .where(eq(pages.id, id))
      .get()
    if (!before) return undefined
    checkSlug(tx, fields.slug, id)
    tx.update(pages)
      .set({
        ...fields,
        body: sanitizeBody(fields.body),
        // The first publication date stays, through later unpublishing and republishing.
        publishedAt: before.publishedAt ?? (fields.status === 'published' ? now : null),
        updatedAt: now,
      })
      .where(eq(pages.id, id))
      .run()
    if (before.status === 'published' && before.slug !== fields.slug)
      addRedirect(tx, pagePath(before.slug), pagePath(fields.slug))
    const action = before.status !== fields.status ? `status:${before.status}->${fields.status}` : 'update'
    tx.insert(auditLog)
      .values({ userId: actorId, action, entityType: 'page', entityId: id, detail: fields.title })
      .run()
    return { id, slug: fields.slug, previousSlug: before.slug }
  })
}

export function deletePage(db: Executor, id: number, actorId: number) {
  return db.transaction((tx) => {
    const row = tx.select({ title: pages.title, slug: pages.slug }).from(pages).where(eq(pages.id, id)).get()
    if (!row) return undefined
    tx.delete(pages).where(eq(pages.id, id)).run()
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'delete', entityType: 'page', entityId: id, detail: row.title })
      .run()
    return row
  })
}
