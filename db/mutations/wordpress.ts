import { and, eq, ne } from 'drizzle-orm'
import { htmlToText, sanitizeBody } from '@/lib/html'
import { slugify } from '@/lib/slug'
import { articlePath, categoryPath, pagePath } from '@/lib/urls'
import { db, transaction } from '../client'
import { findMapping, type ImportKind } from '../queries/wordpress-import'
import {
  type ArticleStatus,
  articleAuthors,
  articles,
  articleTags,
  auditLog,
  categories,
  type CommentStatus,
  comments,
  importRuns,
  type ImportReport,
  pages,
  revisions,
  tags,
  users,
  wordpressImports,
} from '../schema'
import type { ProcessedImage } from '@/lib/images'
import { setSecondarySections } from './articles'
import { insertMedia, type MediaDetails, updateMediaDetails } from './media'
import { readSiteSettings } from '../queries/site-settings'
import { addRedirect } from './taxonomy'
import { isReservedPageSlug } from './pages'
import { inviteUser } from './users'

// Every caller is a mutation here, inside its own transaction.
async function setMapping(
  source: string,
  kind: ImportKind,
  wpKey: string | number,
  targetId: number | null,
  url: string | null = null,
) {
  await db
    .insert(wordpressImports)
    .values({ source, kind, wpKey: String(wpKey), targetId, url })
    .onConflictDoUpdate({
      target: [wordpressImports.source, wordpressImports.kind, wordpressImports.wpKey],
      set: { targetId, url },
    })
}

/** A WordPress slug as Gazette stores it: percent-decoded, then ASCII words. */
export function gazetteSlug(wpSlug: string, fallback: string, max = 80) {
  let decoded = wpSlug
  try {
    decoded = decodeURIComponent(wpSlug)
  } catch {}
  return slugify(decoded, max) || slugify(fallback, max)
}

async function uniqueSlug(base: string, taken: (slug: string) => Promise<boolean>, suffix: string) {
  if (!(await taken(base))) return base
  const withSuffix = `${base}-${suffix}`.slice(0, 90)
  for (let n = 1; ; n++) {
    const slug = n === 1 ? withSuffix : `${withSuffix}-${n}`
    if (!(await taken(slug))) return slug
  }
}

async function hasPublishedByline(userId: number) {
  const published = eq(articles.status, 'published')
  const [asAuthor] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.authorId, userId), published))
    .limit(1)
  if (asAuthor) return true
  const [asByline] = await db
    .select({ id: articles.id })
    .from(articleAuthors)
    .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
    .where(and(eq(articleAuthors.userId, userId), published))
    .limit(1)
  return !!asByline
}

/**
 * An author becomes an invited staff account (role author, no password) unless the address is
 * already on staff. WordPress served authors at /author/<login>/, so that address goes to the
 * imported author when it is free, or held by another account with no published byline (a
 * back-office account such as a first admin), which moves to `site-<login>`. An account with
 * published bylines keeps it: the author gets another address and `slugTaken` is set.
 */
export async function upsertAuthor(
  source: string,
  input: { key: string; login: string; email: string; name: string },
  actorId: number,
) {
  const slugOf = async (id: number) =>
    (await db.select({ slug: users.slug }).from(users).where(eq(users.id, id)).limit(1))[0]?.slug ?? null
  return transaction(async () => {
    const known = await findMapping(source, 'author', input.key)
    const [mapped] = known?.targetId
      ? await db.select({ id: users.id }).from(users).where(eq(users.id, known.targetId)).limit(1)
      : []
    if (mapped) return { id: mapped.id, created: false, slug: await slugOf(mapped.id), slugTaken: false }
    const email = input.email.trim().toLowerCase()
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1)
    const id = existing?.id ?? (await inviteUser({ email, name: input.name, role: 'author' }, actorId)).userId
    const wanted = slugify(input.login, 60)
    let slugTaken = false
    if (wanted) {
      const [holder] = await db.select({ id: users.id }).from(users).where(eq(users.slug, wanted)).limit(1)
      if (holder && holder.id !== id) {
        if (await hasPublishedByline(holder.id)) slugTaken = true
        else await moveAuthorSlug(holder.id, wanted, actorId)
      }
      if (!existing && !slugTaken) await db.update(users).set({ slug: wanted }).where(eq(users.id, id))
    }
    const slug = await slugOf(id)
    if (wanted && slug && wanted !== slug) await addRedirect(`/author/${wanted}/`, `/author/${slug}/`)
    await setMapping(source, 'author', input.key, id)
    return { id, created: !existing, slug, slugTaken }
  })
}

/** Gives a Gazette account without bylines a new address, freeing `slug` for an imported author. */
async function moveAuthorSlug(userId: number, slug: string, actorId: number) {
  const base = `site-${slug}`.slice(0, 60)
  let moved = base
  for (let n = 2; (await db.select({ id: users.id }).from(users).where(eq(users.slug, moved)).limit(1)).length; n++)
    moved = `${base}-${n}`
  await db.update(users).set({ slug: moved }).where(eq(users.id, userId))
  await db.insert(auditLog).values({
    userId: actorId,
    action: 'import:update',
    entityType: 'user',
    entityId: userId,
    detail: `/author/${slug}/ went to the imported WordPress author; this account is now /author/${moved}/`,
  })
}

export type ImportedCategory = {
  key: string
  slug: string
  name: string
  description: string
  parentId: number | null
  /** The path WordPress served it at, when it differs from Gazette's. */
  oldSlug: string
}

export async function upsertCategory(source: string, c: ImportedCategory, actorId: number) {
  return transaction(async () => {
    const known = await findMapping(source, 'category', c.key)
    const [current] = known?.targetId
      ? await db.select({ id: categories.id }).from(categories).where(eq(categories.id, known.targetId)).limit(1)
      : []
    let id: number
    if (current) {
      id = current.id
      await db
        .update(categories)
        .set({ name: c.name, description: c.description || null, parentId: c.parentId === id ? null : c.parentId })
        .where(eq(categories.id, id))
    } else {
      // A section of the same slug and name already here is the same section.
      const [same] = await db
        .select({ id: categories.id, name: categories.name })
        .from(categories)
        .where(eq(categories.slug, c.slug))
        .limit(1)
      if (same && same.name.toLowerCase() === c.name.toLowerCase()) id = same.id
      else {
        const slug = await uniqueSlug(
          c.slug,
          async (s) =>
            (await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, s)).limit(1)).length > 0,
          'wp',
        )
        id = (
          await db
            .insert(categories)
            .values({ name: c.name, slug, description: c.description || null, parentId: c.parentId })
            .returning({ id: categories.id })
        )[0]!.id
        await db
          .insert(auditLog)
          .values({ userId: actorId, action: 'import', entityType: 'category', entityId: id, detail: c.name })
      }
    }
    // WordPress serves a child category under its parents' slugs (/category/<parent>/<child>/).
    // The mapping keeps that path for the children, which are imported after their parent.
    const [parent] =
      c.parentId === null
        ? []
        : await db
            .select({ url: wordpressImports.url })
            .from(wordpressImports)
            .where(
              and(
                eq(wordpressImports.source, source),
                eq(wordpressImports.kind, 'category'),
                eq(wordpressImports.targetId, c.parentId),
              ),
            )
            .limit(1)
    const wpPath = c.oldSlug ? `${parent?.url ?? '/category/'}${c.oldSlug}/` : null
    await setMapping(source, 'category', c.key, id, wpPath)
    const [{ slug }] = (await db
      .select({ slug: categories.slug })
      .from(categories)
      .where(eq(categories.id, id))
      .limit(1)) as [{ slug: string }]
    if (c.oldSlug && c.oldSlug !== slug) await addRedirect(`/category/${c.oldSlug}/`, categoryPath(slug))
    if (wpPath && wpPath !== `/category/${c.oldSlug}/`) await addRedirect(wpPath, categoryPath(slug))
    return { id, slug, created: !current }
  })
}

export async function upsertTag(
  source: string,
  t: { key: string; slug: string; name: string; description: string; oldSlug: string },
) {
  return transaction(async () => {
    const known = await findMapping(source, 'tag', t.key)
    const [current] = await db
      .select({ id: tags.id, slug: tags.slug })
      .from(tags)
      .where(known?.targetId ? eq(tags.id, known.targetId) : eq(tags.slug, t.slug))
      .limit(1)
    const row =
      current ??
      (
        await db
          .insert(tags)
          .values({ name: t.name, slug: t.slug, description: t.description || null })
          .returning({ id: tags.id, slug: tags.slug })
      )[0]!
    if (current) await db.update(tags).set({ name: t.name }).where(eq(tags.id, current.id))
    await setMapping(source, 'tag', t.key, row.id)
    if (t.oldSlug && t.oldSlug !== row.slug) await addRedirect(`/tag/${t.oldSlug}/`, `/tag/${row.slug}/`)
    return { id: row.id, slug: row.slug, created: !current }
  })
}

export type ImportedComment = {
  /** The comment's WordPress id, or a key made from the post's when the export has none. */
  key: string
  wpId: number
  wpParent: number
  authorName: string
  authorEmail: string | null
  userId: number | null
  body: string
  status: CommentStatus
  ip: string | null
  createdAt: Date
}

export type ImportedArticle = {
  /** What the post is known by in the export: its id, else its GUID or permalink. */
  key: string
  /** 0 when the export gives none. */
  wpId: number
  title: string
  slug: string
  standfirst: string
  /** Converted WordPress HTML; sanitized here like every body. */
  body: string
  status: ArticleStatus
  /** null keeps the date an earlier import gave, else takes the modified date, else now. */
  publishedAt: Date | null
  /** WordPress's last-modified time; the article's own when set, so an import changes no date. */
  modifiedAt: Date | null
  authorId: number
  categoryId: number | null
  /** The post's other categories, listed as secondary sections; they replace those of an earlier import. */
  secondaryCategoryIds: number[]
  tagIds: number[]
  featuredImageId: number | null
  isFeatured: boolean
  commentsOpen: boolean
  /** Paths WordPress served this post at (its permalink, old slugs), redirected to the new one. */
  oldPaths: string[]
  comments: ImportedComment[]
}

async function upsertComments(source: string, articleId: number, list: ImportedComment[]) {
  const ids = new Map<number, number>()
  for (const c of list) {
    const known = await findMapping(source, 'comment', c.key)
    const values = {
      articleId,
      authorName: c.authorName || 'Anonymous',
      authorEmail: c.authorEmail,
      userId: c.userId,
      body: c.body,
      status: c.status,
      ip: c.ip,
      createdAt: c.createdAt,
    }
    const [existing] = known?.targetId
      ? await db.select({ id: comments.id }).from(comments).where(eq(comments.id, known.targetId)).limit(1)
      : []
    let id: number
    if (existing) {
      id = existing.id
      await db.update(comments).set(values).where(eq(comments.id, id))
    } else id = (await db.insert(comments).values(values).returning({ id: comments.id }))[0]!.id
    if (c.wpId) ids.set(c.wpId, id)
    await setMapping(source, 'comment', c.key, id)
  }
  // Parents after every comment of the post exists, whatever order the export listed them in.
  for (const c of list) {
    if (!c.wpId) continue
    const parentId = c.wpParent ? (ids.get(c.wpParent) ?? null) : null
    await db
      .update(comments)
      .set({ parentId })
      .where(eq(comments.id, ids.get(c.wpId)!))
  }
}

/**
 * Creates or updates one imported post with its tags, bylines, comments, redirects and a revision,
 * in one transaction. A new article keeps its WordPress id when no article has it yet, so the
 * old `/?p=<id>` and Gazette's own feed ids agree.
 */
export async function upsertImportedArticle(source: string, a: ImportedArticle, actorId: number, now = new Date()) {
  const body = sanitizeBody(a.body, { keepStyles: true })
  return transaction(async () => {
    const known = await findMapping(source, 'post', a.key)
    const [before] = known?.targetId
      ? await db
          .select({
            id: articles.id,
            body: articles.body,
            title: articles.title,
            standfirst: articles.standfirst,
            publishedAt: articles.publishedAt,
          })
          .from(articles)
          .where(eq(articles.id, known.targetId))
          .limit(1)
      : []
    const slug = await uniqueSlug(
      a.slug,
      async (s) =>
        (
          await db
            .select({ id: articles.id })
            .from(articles)
            .where(before ? and(eq(articles.slug, s), ne(articles.id, before.id)) : eq(articles.slug, s))
            .limit(1)
        ).length > 0,
      a.wpId ? String(a.wpId) : 'wp',
    )
    const publishedAt =
      a.publishedAt ?? before?.publishedAt ?? (a.status === 'published' ? (a.modifiedAt ?? now) : null)
    const values = {
      slug,
      title: a.title,
      standfirst: a.standfirst,
      body,
      bodyText: htmlToText(body),
      status: a.status,
      publishedAt,
      authorId: a.authorId,
      categoryId: a.categoryId,
      featuredImageId: a.featuredImageId,
      isFeatured: a.isFeatured,
      commentsOpen: a.commentsOpen,
      // Never before publication: WordPress stamps a scheduled post's modified time when it is written.
      updatedAt: latest(a.modifiedAt ?? publishedAt ?? now, publishedAt),
    }
    let id: number
    if (before) {
      id = before.id
      await db.update(articles).set(values).where(eq(articles.id, id))
    } else {
      const free =
        a.wpId > 0 &&
        (await db.select({ id: articles.id }).from(articles).where(eq(articles.id, a.wpId)).limit(1)).length === 0
      id = (
        await db
          .insert(articles)
          .values({ ...values, ...(free ? { id: a.wpId } : {}), createdAt: publishedAt ?? a.modifiedAt ?? now })
          .returning({ id: articles.id })
      )[0]!.id
    }
    await db.delete(articleAuthors).where(eq(articleAuthors.articleId, id))
    await db.insert(articleAuthors).values({ articleId: id, userId: a.authorId, position: 0 })
    await db.delete(articleTags).where(eq(articleTags.articleId, id))
    for (const tagId of new Set(a.tagIds)) await db.insert(articleTags).values({ articleId: id, tagId })
    await setSecondarySections(id, a.secondaryCategoryIds)
    if (!before || before.body !== body || before.title !== a.title || before.standfirst !== a.standfirst)
      await db
        .insert(revisions)
        .values({ articleId: id, userId: actorId, title: a.title, standfirst: a.standfirst, body, createdAt: now })
    await upsertComments(source, id, a.comments)
    await setMapping(source, 'post', a.key, id)
    let path: string | null = null
    if (a.status === 'published' && publishedAt) {
      path = articlePath({ slug, publishedAt }, (await readSiteSettings()).timezone)
      for (const old of a.oldPaths) if (old && old !== '/') await addRedirect(old, path)
    }
    await db.insert(auditLog).values({
      userId: actorId,
      action: before ? 'import:update' : 'import',
      entityType: 'article',
      entityId: id,
      detail: a.title,
      createdAt: now,
    })
    return { id, slug, path, publishedAt, created: !before }
  })
}

const latest = (a: Date, b: Date | null) => (b && b > a ? b : a)

export type ImportedPage = {
  key: string
  /** 0 when the export gives none. */
  wpId: number
  title: string
  slug: string
  body: string
  status: 'draft' | 'published'
  parentId: number | null
  position: number
  publishedAt: Date | null
  modifiedAt: Date | null
  oldPaths: string[]
}

/** Creates or updates one imported static page, in one transaction. */
export async function upsertImportedPage(source: string, p: ImportedPage, actorId: number, now = new Date()) {
  const body = sanitizeBody(p.body, { keepStyles: true })
  return transaction(async () => {
    const known = await findMapping(source, 'page', p.key)
    const [before] = known?.targetId
      ? await db.select({ id: pages.id }).from(pages).where(eq(pages.id, known.targetId)).limit(1)
      : []
    const slug = await uniqueSlug(
      isReservedPageSlug(p.slug) ? `${p.slug}-page` : p.slug,
      async (s) =>
        (
          await db
            .select({ id: pages.id })
            .from(pages)
            .where(before ? and(eq(pages.slug, s), ne(pages.id, before.id)) : eq(pages.slug, s))
            .limit(1)
        ).length > 0,
      p.wpId ? String(p.wpId) : 'wp',
    )
    const values = {
      slug,
      title: p.title,
      body,
      status: p.status,
      position: p.position,
      publishedAt: p.publishedAt,
      updatedAt: latest(p.modifiedAt ?? p.publishedAt ?? now, p.publishedAt),
      ...(p.parentId !== null ? { parentId: p.parentId } : {}),
    }
    let id: number
    if (before) {
      id = before.id
      await db.update(pages).set(values).where(eq(pages.id, id))
    } else {
      id = (
        await db
          .insert(pages)
          .values({ ...values, createdAt: now })
          .returning({ id: pages.id })
      )[0]!.id
    }
    await setMapping(source, 'page', p.key, id)
    if (p.status === 'published')
      for (const old of p.oldPaths) if (old && old !== '/') await addRedirect(old, pagePath(slug))
    await db.insert(auditLog).values({
      userId: actorId,
      action: before ? 'import:update' : 'import',
      entityType: 'page',
      entityId: id,
      detail: p.title,
      createdAt: now,
    })
    return { id, slug, created: !before }
  })
}

export async function setPageParent(pageId: number, parentId: number) {
  if (pageId === parentId) return
  await transaction(async () => {
    await db.update(pages).set({ parentId }).where(eq(pages.id, pageId))
  })
}

/**
 * Records an attachment in one transaction: its media row (the one an earlier import stored, given
 * the export's details, or a new one for a file just processed, or none when the file could not be
 * had), its mapping, and the redirect from the file's old address. Returns the media id.
 */
export async function saveImportedAttachment(
  source: string,
  a: {
    key: string
    url: string
    details: MediaDetails
    existingId?: number
    processed?: ProcessedImage
    originalName: string
    /** The old address to redirect to `src`, or ''. */
    redirectFrom: string
    src: string
  },
  actorId: number,
) {
  return transaction(async () => {
    let id: number | null = null
    if (a.existingId !== undefined) {
      await updateMediaDetails(a.existingId, a.details, actorId)
      id = a.existingId
    } else if (a.processed)
      id = await insertMedia(a.processed, { ...a.details, originalName: a.originalName, uploadedBy: actorId })
    await setMapping(source, 'attachment', a.key, id, a.url)
    if (a.redirectFrom) await addRedirect(a.redirectFrom, a.src)
    return id
  })
}

export async function addImportRedirect(fromPath: string, toPath: string) {
  await transaction(async () => addRedirect(fromPath, toPath))
}

export async function startImportRun(fileName: string, total: number, startedBy: number | null) {
  return transaction(async () => {
    const [{ id }] = (await db
      .insert(importRuns)
      .values({ fileName, total, startedBy })
      .returning({ id: importRuns.id })) as [{ id: number }]
    return id
  })
}

export async function updateImportRun(
  id: number,
  values: { progress?: number; source?: string; status?: 'running' | 'done' | 'failed'; report?: ImportReport },
) {
  await transaction(async () => {
    await db
      .update(importRuns)
      .set({ ...values, ...(values.status && values.status !== 'running' ? { finishedAt: new Date() } : {}) })
      .where(eq(importRuns.id, id))
  })
}

/**
 * The account an import is recorded under: the given staff address, else the first active admin.
 * An empty database gets its admin account here (as seeding would), so the imported site can be run.
 */
export async function importActor(opts: { email?: string; adminEmail: string; passwordHash: string }) {
  return transaction(async () => {
    if (opts.email) {
      const [user] = await db
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(eq(users.email, opts.email.toLowerCase()))
        .limit(1)
      return user && user.role !== 'reader' ? { id: user.id, created: false } : undefined
    }
    const [admin] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.status, 'active')))
      .limit(1)
    if (admin) return { id: admin.id, created: false }
    const [{ id }] = (await db
      .insert(users)
      .values({
        email: opts.adminEmail.toLowerCase(),
        name: 'Site Administrator',
        // Not 'admin': WordPress suggests that login to whoever installs it, and the imported author
        // who kept it should keep /author/admin/ too.
        slug: 'site-admin',
        role: 'admin',
        passwordHash: opts.passwordHash,
      })
      .returning({ id: users.id })) as [{ id: number }]
    return { id, created: true }
  })
}
