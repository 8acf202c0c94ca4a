import { and, asc, eq, inArray, lte, ne, or } from 'drizzle-orm'
import { htmlToText, sanitizeBody } from '@/lib/html'
import { slugify } from '@/lib/slug'
import { summarize } from '@/lib/summarize'
import { articlePath } from '@/lib/urls'
import { db, transaction } from '../client'
import {
  type ArticleStatus,
  articles,
  articleAuthors,
  articleSections,
  articleTags,
  auditLog,
  categories,
  corrections,
  redirects,
  revisions,
  tags,
} from '../schema'
import { readSiteSettings } from '../queries/site-settings'

export type ArticleFields = {
  title: string
  slug: string
  standfirst: string
  body: string
  categoryId: number | null
  tagNames: string[]
  /** Bylines after the primary author, in order; left as they are when omitted. */
  coAuthorIds?: number[]
  /** Sections the article is also listed in besides `categoryId`; left as they are when omitted. */
  secondaryCategoryIds?: number[]
  /** The primary author: the actor when omitted on create, unchanged when omitted on update. */
  authorId?: number
  featuredImageId: number | null
  imageAlt: string | null
  imageCaption: string | null
  imageCredit: string | null
  sourceUrl: string | null
  sourceName: string | null
  isBreaking: boolean
  isFeatured: boolean
  seoTitle: string | null
  seoDescription: string | null
  /**
   * 'auto' recomputes the key points from the body; 'edited' stores `keyPoints` as given and no
   * recompute ever replaces them; 'off' hides them. Omitted: the article keeps its mode, and
   * automatic key points follow the body.
   */
  keyPointsMode?: KeyPointsMode
  keyPoints?: string[]
}

export type KeyPointsMode = 'auto' | 'edited' | 'off'

/** Editor-typed key points: trimmed, blank lines dropped, at most eight of 400 characters. */
export function cleanKeyPoints(points: string[]) {
  return points
    .map((p) => p.replace(/\s+/g, ' ').trim().slice(0, 400))
    .filter(Boolean)
    .slice(0, 8)
}

export type Transition = { status: ArticleStatus; publishedAt: Date | null }

export class SlugTakenError extends Error {}

export async function isSlugTaken(slug: string, exceptId?: number) {
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(exceptId ? and(eq(articles.slug, slug), ne(articles.id, exceptId)) : eq(articles.slug, slug))
    .limit(1)
  return rows.length > 0
}

// Link rows are changed only where they differ: each row written or deleted purges the article's
// listings from every cache (drizzle/0004_cache_purge_triggers.sql), so a save that keeps them
// must not touch them.
async function setTags(articleId: number, names: string[]) {
  const seen = new Set<string>()
  const wanted = new Set<number>()
  for (const raw of names) {
    const name = raw.trim().slice(0, 60)
    const slug = slugify(name, 60)
    if (!slug || seen.has(slug)) continue
    seen.add(slug)
    // Tags are created on the fly; an existing slug keeps its stored name.
    const tag =
      (await db.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug)))[0] ??
      (await db.insert(tags).values({ name, slug }).returning({ id: tags.id }))[0]!
    wanted.add(tag.id)
  }
  const current = new Set(
    (await db.select({ id: articleTags.tagId }).from(articleTags).where(eq(articleTags.articleId, articleId))).map(
      (r) => r.id,
    ),
  )
  const gone = [...current].filter((id) => !wanted.has(id))
  if (gone.length > 0)
    await db.delete(articleTags).where(and(eq(articleTags.articleId, articleId), inArray(articleTags.tagId, gone)))
  for (const tagId of wanted)
    if (!current.has(tagId)) await db.insert(articleTags).values({ articleId, tagId }).onConflictDoNothing()
}

/**
 * Replaces the secondary sections of an article. Ids of sections that do not exist, and the
 * article's primary section, are left out.
 */
export async function setSecondarySections(articleId: number, categoryIds: number[]) {
  await transaction(async () => {
    const primary = (await db.select({ id: articles.categoryId }).from(articles).where(eq(articles.id, articleId)))[0]
      ?.id
    const wanted = [...new Set(categoryIds)].filter((id) => id !== primary)
    const existing = new Set(
      wanted.length === 0
        ? []
        : (await db.select({ id: categories.id }).from(categories).where(inArray(categories.id, wanted))).map(
            (c) => c.id,
          ),
    )
    const current = new Set(
      (
        await db
          .select({ id: articleSections.categoryId })
          .from(articleSections)
          .where(eq(articleSections.articleId, articleId))
      ).map((r) => r.id),
    )
    const gone = [...current].filter((id) => !existing.has(id))
    if (gone.length > 0)
      await db
        .delete(articleSections)
        .where(and(eq(articleSections.articleId, articleId), inArray(articleSections.categoryId, gone)))
    const added = [...existing].filter((id) => !current.has(id))
    if (added.length > 0)
      await db.insert(articleSections).values(added.map((categoryId) => ({ articleId, categoryId })))
  })
}

/**
 * Creates or updates an article with its tags, a revision and an audit entry, in one transaction.
 * A published article whose URL changes (slug or date) keeps its old URL as a permanent redirect.
 */
export async function saveArticle(opts: {
  id?: number
  fields: ArticleFields
  transition: Transition
  actorId: number
  now?: Date
}) {
  const now = opts.now ?? new Date()
  const { fields, transition } = opts
  const { tagNames, coAuthorIds, secondaryCategoryIds, keyPointsMode, keyPoints, ...columns } = fields
  const body = sanitizeBody(fields.body)
  const bodyText = htmlToText(body)
  // Summarized before the transaction opens: a write transaction that reads, pauses and then writes
  // fails with SQLITE_BUSY_SNAPSHOT when another process wrote in between.
  const autoPoints = keyPointsMode === 'edited' ? [] : summarize(bodyText, { title: fields.title })
  const values = {
    ...columns,
    body,
    bodyText,
    status: transition.status,
    publishedAt: transition.publishedAt,
    updatedAt: now,
  }
  return transaction(async () => {
    if (await isSlugTaken(fields.slug, opts.id)) throw new SlugTakenError(fields.slug)
    const before = opts.id
      ? (
          await db
            .select({
              slug: articles.slug,
              status: articles.status,
              publishedAt: articles.publishedAt,
              title: articles.title,
              standfirst: articles.standfirst,
              body: articles.body,
              keyPoints: articles.keyPoints,
              keyPointsMode: articles.keyPointsMode,
            })
            .from(articles)
            .where(eq(articles.id, opts.id))
        )[0]
      : undefined
    const mode = keyPointsMode ?? before?.keyPointsMode ?? 'auto'
    const summary =
      mode === 'edited'
        ? { keyPoints: cleanKeyPoints(keyPoints ?? before?.keyPoints ?? []), keyPointsMode: mode }
        : mode === 'auto' || !before?.keyPoints?.length
          ? { keyPoints: autoPoints, keyPointsMode: mode }
          : { keyPointsMode: mode }
    let id: number
    if (opts.id) {
      if (!before) throw new Error(`Article ${opts.id} does not exist`)
      await db
        .update(articles)
        .set({ ...values, ...summary })
        .where(eq(articles.id, opts.id))
      id = opts.id
    } else {
      id = (
        await db
          .insert(articles)
          .values({ ...values, ...summary, authorId: fields.authorId ?? opts.actorId, createdAt: now })
          .returning({ id: articles.id })
      )[0]!.id
      await db.insert(articleAuthors).values({ articleId: id, userId: fields.authorId ?? opts.actorId, position: 0 })
    }
    await setTags(id, tagNames)
    if (secondaryCategoryIds) await setSecondarySections(id, secondaryCategoryIds)
    if (coAuthorIds) {
      const primary = (await db.select({ authorId: articles.authorId }).from(articles).where(eq(articles.id, id)))[0]!
        .authorId
      const bylines = [primary, ...coAuthorIds.filter((u, i) => u !== primary && coAuthorIds.indexOf(u) === i)]
      const current = await db
        .select({ userId: articleAuthors.userId })
        .from(articleAuthors)
        .where(eq(articleAuthors.articleId, id))
        .orderBy(asc(articleAuthors.position))
      if (current.map((r) => r.userId).join() !== bylines.join()) {
        await db.delete(articleAuthors).where(eq(articleAuthors.articleId, id))
        for (const [position, userId] of bylines.entries())
          await db.insert(articleAuthors).values({ articleId: id, userId, position })
      }
    }
    const firstByline = async () =>
      (
        await db
          .select({ userId: articleAuthors.userId })
          .from(articleAuthors)
          .where(and(eq(articleAuthors.articleId, id), eq(articleAuthors.position, 0)))
      )[0]?.userId
    if (fields.authorId !== undefined && !coAuthorIds && before && (await firstByline()) !== fields.authorId) {
      // A new primary author and no new co-author list: the new author takes the first byline.
      await db
        .delete(articleAuthors)
        .where(
          and(
            eq(articleAuthors.articleId, id),
            or(eq(articleAuthors.position, 0), eq(articleAuthors.userId, fields.authorId)),
          ),
        )
      await db.insert(articleAuthors).values({ articleId: id, userId: fields.authorId, position: 0 })
    }

    if (!before || before.title !== fields.title || before.standfirst !== fields.standfirst || before.body !== body) {
      await db.insert(revisions).values({
        articleId: id,
        userId: opts.actorId,
        title: fields.title,
        standfirst: fields.standfirst,
        body,
        createdAt: now,
      })
    }

    let previousPath: string | undefined
    if (before?.status === 'published' && before.publishedAt) {
      const tz = (await readSiteSettings()).timezone
      const oldPath = articlePath(before, tz)
      // A story moved to a future time is not live at its new URL yet: nothing to redirect to.
      const newPath =
        transition.status === 'published' && transition.publishedAt
          ? articlePath({ slug: fields.slug, publishedAt: transition.publishedAt }, tz)
          : null
      previousPath = oldPath
      if (newPath && newPath !== oldPath) {
        await db
          .insert(redirects)
          .values({ fromPath: oldPath, toPath: newPath, statusCode: 301 })
          .onConflictDoUpdate({ target: redirects.fromPath, set: { toPath: newPath } })
        // Older redirects pointing at the old URL now point straight at the new one.
        await db.update(redirects).set({ toPath: newPath }).where(eq(redirects.toPath, oldPath))
        await db.delete(redirects).where(eq(redirects.fromPath, newPath))
      }
    }
    const action = !before
      ? 'create'
      : before.status !== transition.status
        ? `status:${before.status}->${transition.status}`
        : 'update'
    await db.insert(auditLog).values({
      userId: opts.actorId,
      action,
      entityType: 'article',
      entityId: id,
      detail: fields.title,
      createdAt: now,
    })
    return { id, slug: fields.slug, previousSlug: before?.slug, previousPath }
  })
}

export async function deleteArticle(id: number, actorId: number) {
  return transaction(async () => {
    const [row] = await db
      .select({ title: articles.title, slug: articles.slug })
      .from(articles)
      .where(eq(articles.id, id))
    if (!row) return undefined
    await db.delete(articles).where(eq(articles.id, id))
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'delete', entityType: 'article', entityId: id, detail: row.title })
    return row
  })
}

/** Publishes every scheduled article whose time has come, including any missed while the server was down. */
export async function publishDueArticles(now = new Date()) {
  // Most runs find nothing due, and take no write lock to learn it.
  const due = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
  if (due.length === 0) return []
  return transaction(async () => {
    // Only what is still scheduled: another server may have published some since the read above.
    const published = await db
      .update(articles)
      .set({ status: 'published', updatedAt: now })
      .where(
        and(
          eq(articles.status, 'scheduled'),
          inArray(
            articles.id,
            due.map((d) => d.id),
          ),
        ),
      )
      .returning({ id: articles.id, slug: articles.slug })
    for (const d of published)
      await db.insert(auditLog).values({
        action: 'status:scheduled->published',
        entityType: 'article',
        entityId: d.id,
        detail: 'scheduled publication',
        createdAt: now,
      })
    return published
  })
}

export async function addCorrection(articleId: number, body: string, actorId: number) {
  await transaction(async () => {
    await db.insert(corrections).values({ articleId, body, createdBy: actorId })
    await db.update(articles).set({ updatedAt: new Date() }).where(eq(articles.id, articleId))
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'correction', entityType: 'article', entityId: articleId, detail: body })
  })
}

/** Stores key points an editor asked for (from the summary service) as edited: no recompute replaces them. */
export async function setKeyPoints(articleId: number, points: string[], actorId: number, source: string) {
  return transaction(async () => {
    const [row] = await db
      .update(articles)
      .set({ keyPoints: cleanKeyPoints(points), keyPointsMode: 'edited', updatedAt: new Date() })
      .where(eq(articles.id, articleId))
      .returning({ title: articles.title })
    if (!row) return false
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'key-points', entityType: 'article', entityId: articleId, detail: source })
    return true
  })
}
