import { htmlToText } from '@/lib/html'
import { slugify } from '@/lib/slug'
import { gazetteSlug, upsertCategory, upsertTag } from '@/db/mutations/wordpress'
import type { WxrItem, WxrTerm } from '../wxr'
import type { ImportContext } from './context'
import { normalizePath } from './keys'

/** A term listed at channel level: categories wait for the list to end, tags are written at once. */
export async function importTerm(ctx: ImportContext, t: WxrTerm) {
  const { terms } = ctx
  if (!t.slug) return ctx.skip(`term ${t.id ?? t.name}`, 'no slug')
  if (t.taxonomy === 'category') {
    if (terms.pendingCategories) {
      if (!terms.pendingCategories.some((c) => c.slug === t.slug)) terms.pendingCategories.push(t)
    } else ctx.skip(`category ${t.slug}`, 'listed after the first post; ignored')
  } else if (t.taxonomy === 'post_tag') await tagFor(ctx, t.slug, t.name, t.id !== null ? String(t.id) : undefined)
  else if (t.taxonomy !== 'post_format') ctx.skip(`term ${t.slug}`, `taxonomy "${t.taxonomy}" is not imported`)
}

/** Writes the categories listed so far, once: the first item ends the export's list of terms. */
export async function flushCategories(ctx: ImportContext) {
  const { terms } = ctx
  if (!terms.pendingCategories) return
  const list = terms.pendingCategories
  terms.pendingCategories = null
  const bySlug = new Map(list.map((t) => [t.slug, t]))
  const done = new Set<string>()
  // Parents first, whatever order the export listed them in; a loop or a missing parent lands at the top.
  const visit = async (t: WxrTerm, trail: Set<string>) => {
    if (done.has(t.slug)) return
    const parent = t.parent && t.parent !== t.slug ? bySlug.get(t.parent) : undefined
    if (t.parent && !parent)
      ctx.skip(`category ${t.slug}`, `its parent "${t.parent}" is not in the export; placed at the top`)
    if (parent && !trail.has(parent.slug)) await visit(parent, new Set([...trail, t.slug]))
    done.add(t.slug)
    const slug = gazetteSlug(t.slug, t.name, 80) || `category-${t.id ?? terms.categoriesBySlug.size + 1}`
    const r = await upsertCategory(
      ctx.source,
      {
        key: t.id !== null ? String(t.id) : `slug:${t.slug}`,
        slug,
        name: htmlToText(t.name) || slug,
        description: t.description,
        parentId: parent ? (terms.categoriesBySlug.get(parent.slug) ?? null) : null,
        oldSlug: normalizePath(t.slug),
      },
      ctx.opts.actorId,
    )
    terms.categoriesBySlug.set(t.slug, r.id)
    if (t.id !== null) terms.categoriesByTermId.set(t.id, r.id)
    if (r.created) ctx.written.sections.add(slug)
    ctx.count('categories', r.created)
  }
  for (const t of list) await visit(t, new Set())
}

/**
 * A section named on a post but not in the export's list: a "Posts" export (how a large
 * archive is split by date) lists no categories at channel level, only on each item.
 */
export async function categoryFor(ctx: ImportContext, term: { slug: string; name: string }) {
  const { terms } = ctx
  const wpSlug = term.slug || slugify(htmlToText(term.name), 80)
  if (!wpSlug) return undefined
  const known = terms.categoriesBySlug.get(wpSlug)
  if (known) return known
  const slug = gazetteSlug(wpSlug, term.name, 80) || `category-${terms.categoriesBySlug.size + 1}`
  const r = await upsertCategory(
    ctx.source,
    {
      key: `slug:${wpSlug}`,
      slug,
      name: htmlToText(term.name) || slug,
      description: '',
      parentId: null,
      oldSlug: normalizePath(wpSlug),
    },
    ctx.opts.actorId,
  )
  terms.categoriesBySlug.set(wpSlug, r.id)
  if (r.created) ctx.written.sections.add(slug)
  ctx.count('categories', r.created)
  ctx.skip(
    `category ${wpSlug}`,
    'named on posts only (the export lists no sections, as a "Posts" export does not); created at the top level',
  )
  return r.id
}

export async function tagFor(ctx: ImportContext, slug: string, name: string, key?: string) {
  const { terms } = ctx
  const known = terms.tagsBySlug.get(slug)
  if (known) return known
  const gslug = gazetteSlug(slug, name, 60) || `tag-${terms.tagsBySlug.size + 1}`
  const r = await upsertTag(ctx.source, {
    key: key ?? `slug:${slug}`,
    slug: gslug,
    name: htmlToText(name).slice(0, 60) || gslug,
    description: '',
    oldSlug: normalizePath(slug),
  })
  terms.tagsBySlug.set(slug, r.id)
  ctx.count('tags', r.created)
  return r.id
}

/**
 * A post's terms, tags under both of their names. WXR 1.0 wrote every term twice, once without a
 * domain (categories) or without a nicename (tags): the fuller entry is kept.
 */
export function postTerms(item: WxrItem) {
  const out: { domain: string; slug: string; name: string }[] = []
  for (const t of item.terms) {
    const domain = t.domain === 'tag' ? 'post_tag' : t.domain || 'category'
    const name = t.name.trim()
    const twin = item.terms.some(
      (o) => o !== t && o.name.trim() === name && (t.domain ? o.domain === t.domain && o.slug && !t.slug : !!o.domain),
    )
    if (twin) continue
    const slug = t.slug || (domain === 'post_tag' ? slugify(name, 60) : '')
    if (!slug && !name) continue
    if (!out.some((o) => o.domain === domain && (o.slug || o.name) === (slug || name))) out.push({ domain, slug, name })
  }
  return out
}

/** A post's sections, primary first, and its tags (post formats become tags too). */
export async function postSections(ctx: ImportContext, item: WxrItem) {
  const terms = postTerms(item)
  const categoryIds: number[] = []
  for (const t of terms.filter((t) => t.domain === 'category')) {
    const id = await categoryFor(ctx, t)
    if (id !== undefined && !categoryIds.includes(id)) categoryIds.push(id)
  }
  // SEO plugins record the category WordPress itself has no notion of: the primary one.
  const primaryTerm = Number(
    item.meta.get('_yoast_wpseo_primary_category')?.[0] ?? item.meta.get('rank_math_primary_category')?.[0] ?? 0,
  )
  const chosen = ctx.terms.categoriesByTermId.get(primaryTerm)
  const categoryId = chosen && categoryIds.includes(chosen) ? chosen : (categoryIds[0] ?? null)
  const secondaryCategoryIds = categoryIds.filter((id) => id !== categoryId)
  const tagIds: number[] = []
  for (const t of terms.filter((t) => t.domain === 'post_tag')) tagIds.push(await tagFor(ctx, t.slug, t.name))
  for (const t of terms.filter((t) => t.domain === 'post_format'))
    tagIds.push(await tagFor(ctx, `format-${t.slug.replace(/^post-format-/, '')}`, `Format: ${t.name}`))
  return { categoryId, secondaryCategoryIds, tagIds }
}
