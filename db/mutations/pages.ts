import { and, eq, ne } from 'drizzle-orm'
import { sanitizeBody } from '@/lib/html'
import { pagePath } from '@/lib/urls'
import { db, transaction } from '../client'
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

async function checkSlug(slug: string, exceptId?: number) {
  if (isReservedPageSlug(slug)) throw new ReservedSlugError(slug)
  const [clash] = await db
    .select({ id: pages.id })
    .from(pages)
    .where(exceptId ? and(eq(pages.slug, slug), ne(pages.id, exceptId)) : eq(pages.slug, slug))
    .limit(1)
  if (clash) throw new SlugTakenError(slug)
}

export async function insertPage(fields: PageFields, actorId: number, now = new Date()) {
  return transaction(async () => {
    await checkSlug(fields.slug)
    const [{ id }] = (await db
      .insert(pages)
      .values({
        ...fields,
        body: sanitizeBody(fields.body),
        publishedAt: fields.status === 'published' ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: pages.id })) as [{ id: number }]
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'create', entityType: 'page', entityId: id, detail: fields.title })
    return { id, slug: fields.slug }
  })
}

export async function updatePage(id: number, fields: PageFields, actorId: number, now = new Date()) {
  return transaction(async () => {
    const [before] = await db
      .select({ slug: pages.slug, status: pages.status, publishedAt: pages.publishedAt })
      .from(pages)
      .where(eq(pages.id, id))
    if (!before) return undefined
    await checkSlug(fields.slug, id)
    await db
      .update(pages)
      .set({
        ...fields,
        body: sanitizeBody(fields.body),
        // The first publication date stays, through later unpublishing and republishing.
        publishedAt: before.publishedAt ?? (fields.status === 'published' ? now : null),
        updatedAt: now,
      })
      .where(eq(pages.id, id))
    if (before.status === 'published' && before.slug !== fields.slug)
      await addRedirect(pagePath(before.slug), pagePath(fields.slug))
    const action = before.status !== fields.status ? `status:${before.status}->${fields.status}` : 'update'
    await db
      .insert(auditLog)
      .values({ userId: actorId, action, entityType: 'page', entityId: id, detail: fields.title })
    return { id, slug: fields.slug, previousSlug: before.slug }
  })
}

export async function deletePage(id: number, actorId: number) {
  return transaction(async () => {
    const [row] = await db.select({ title: pages.title, slug: pages.slug }).from(pages).where(eq(pages.id, id))
    if (!row) return undefined
    await db.delete(pages).where(eq(pages.id, id))
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'delete', entityType: 'page', entityId: id, detail: row.title })
    return row
  })
}
