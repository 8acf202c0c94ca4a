import { and, eq, inArray, lte, ne, or } from 'drizzle-orm'
import { htmlToText, sanitizeBody } from '@/lib/html'
import { slugify } from '@/lib/slug'
import { summarize } from '@/lib/summarize'
import { articlePath } from '@/lib/urls'
import type { Executor } from '../client'
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
import { readSiteSettings } from './settings'

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

export function isSlugTaken(db: Executor, slug: string, exceptId?: number) {
  return !!db
    .select({ id: articles.id })
    .from(articles)
    .where(exceptId ? and(eq(articles.slug, slug), ne(articles.id, exceptId)) : eq(articles.slug, slug))
    .get()
}

function setTags(tx: Executor, articleId: number, names: string[]) {
  tx.delete(articleTags).where(eq(articleTags.articleId, articleId)).run()
  const seen = new Set<string>()
  for (const raw of names) {
    const name = raw.trim().slice(0, 60)
    const slug = slugify(name, 60)
    if (!slug || seen.has(slug)) continue
    seen.add(slug)
    // Tags are created on the fly; an existing slug keeps its stored name.
    const tag =
      tx.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug)).get() ??
      tx.insert(tags).values({ name, slug }).returning({ id: tags.id }).get()
    tx.insert(articleTags).values({ articleId, tagId: tag.id }).onConflictDoNothing().run()
  }
}

/**
 * Replaces the secondary sections of an article. Ids of sections that do not exist, and the
 * article's primary section, are left out.
 */
export function setSecondarySections(tx: Executor, articleId: number, categoryIds: number[]) {
  tx.delete(articleSections).where(eq(articleSections.articleId, articleId)).run()
  const primary = tx.select({ id: articles.categoryId }).from(articles).where(eq(articles.id, articleId)).get()?.id
  const wanted = [...new Set(categoryIds)].filter((id) => id !== primary)
  if (wanted.length === 0) return
  const existing = tx.select({ id: categories.id }).from(categories).where(inArray(categories.id, wanted)).all()
  if (existing.length === 0) return
  tx.insert(articleSections)
    .values(existing.map((c) => ({ articleId, categoryId: c.id })))
    .run()
}

/**
 * Creates or updates an article with its tags, a revision and an audit entry, in one transaction.
 * A published article whose URL changes (slug or date) keeps its old URL as a permanent redirect.
 */
export function saveArticle(
  db: Executor,
  opts: { id?: number; fields: ArticleFields; transition: Transition; actorId: number; now?: Date },
) {
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
  return db.transaction((tx) => {
    if (isSlugTaken(tx, fields.slug, opts.id)) throw new SlugTakenError(fields.slug)
    const before = opts.id
      ? tx
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
          .get()
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
      tx.update(articles)
        .set({ ...values, ...summary })
        .where(eq(articles.id, opts.id))
        .run()
      id = opts.id
    } else {
      id = tx
        .insert(articles)
        .values({ ...values, ...summary, authorId: fields.authorId ?? opts.actorId, createdAt: now })
        .returning({ id: articles.id })
        .get().id
      tx.insert(articleAuthors)
        .values({ articleId: id, userId: fields.authorId ?? opts.actorId, position: 0 })
        .run()
    }
    setTags(tx, id, tagNames)
    if (secondaryCategoryIds) setSecondarySections(tx, id, secondaryCategoryIds)
    if (coAuthorIds) {
      const primary = tx.select({ authorId: articles.authorId }).from(articles).where(eq(articles.id, id)).get()!
        .authorId
      tx.delete(articleAuthors).where(eq(articleAuthors.articleId, id)).run()
      const bylines = [primary, ...coAuthorIds.filter((u, i) => u !== primary && coAuthorIds.indexOf(u) === i)]
      bylines.forEach((userId, position) => tx.insert(articleAuthors).values({ articleId: id, userId, position }).run())
    }
    if (fields.authorId !== undefined && !coAuthorIds && before) {
      // A new primary author and no new co-author list: the new author takes the first byline.
      tx.delete(articleAuthors)
        .where(
          and(
            eq(articleAuthors.articleId, id),
            or(eq(articleAuthors.position, 0), eq(articleAuthors.userId, fields.authorId)),
          ),
        )
        .run()
      tx.insert(articleAuthors).values({ articleId: id, userId: fields.authorId, position: 0 }).run()
    }

    if (!before || before.title !== fields.title || before.standfirst !== fields.standfirst || before.body !== body) {
      tx.insert(revisions)
        .values({
          articleId: id,
          userId: opts.actorId,
          title: fields.title,
          standfirst: fields.standfirst,
          body,
          createdAt: now,
        })
        .run()
    }

    let previousPath: string | undefined
    if (before?.status === 'published' && before.publishedAt) {
      const tz = readSiteSettings(tx).timezone
      const oldPath = articlePath(before, tz)
      // A story moved to a future time is not live at its new URL yet: nothing to redirect to.
      const newPath =
        transition.status === 'published' && transition.publishedAt
          ? articlePath({ slug: fields.slug, publishedAt: transition.publishedAt }, tz)
          : null
      previousPath = oldPath
      if (newPath && newPath !== oldPath) {
        tx.insert(redirects)
          .values({ fromPath: oldPath, toPath: newPath, statusCode: 301 })
          .onConflictDoUpdate({ target: redirects.fromPath, set: { toPath: newPath } })
          .run()
        // Older redirects pointing at the old URL now point straight at the new one.
        tx.update(redirects).set({ toPath: newPath }).where(eq(redirects.toPath, oldPath)).run()
        tx.delete(redirects).where(eq(redirects.fromPath, newPath)).run()
      }
    }
    const action = !before
      ? 'create'
      : before.status !== transition.status
        ? `status:${before.status}->${transition.status}`
        : 'update'
    tx.insert(auditLog)
      .values({
        userId: opts.actorId,
        action,
        entityType: 'article',
        entityId: id,
        detail: fields.title,
        createdAt: now,
      })
      .run()
    return { id, slug: fields.slug, previousSlug: before?.slug, previousPath }
  })
}

export function deleteArticle(db: Executor, id: number, actorId: number) {
  return db.transaction((tx) => {
    const row = tx
      .select({ title: articles.title, slug: articles.slug })
      .from(articles)
      .where(eq(articles.id, id))
      .get()
    if (!row) return undefined
    tx.delete(articles).where(eq(articles.id, id)).run()
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'delete', entityType: 'article', entityId: id, detail: row.title })
      .run()
    return row
  })
}

/** Publishes every scheduled article whose time has come, including any missed while the server was down. */
export function publishDueArticles(db: Executor, now = new Date()) {
  const due = db
    .select({ id: articles.id, slug: articles.slug })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now)))
    .all()
  if (due.length === 0) return due
  db.transaction((tx) => {
    tx.update(articles)
      .set({ status: 'published', updatedAt: now })
      .where(
        inArray(
          articles.id,
          due.map((d) => d.id),
        ),
      )
      .run()
    for (const d of due)
      tx.insert(auditLog)
        .values({
          action: 'status:scheduled->published',
          entityType: 'article',
          entityId: d.id,
          detail: 'scheduled publication',
          createdAt: now,
        })
        .run()
  })
  return due
}

export function addCorrection(db: Executor, articleId: number, body: string, actorId: number) {
  return db.transaction((tx) => {
    tx.insert(corrections).values({ articleId, body, createdBy: actorId }).run()
    tx.update(articles).set({ updatedAt: new Date() }).where(eq(articles.id, articleId)).run()
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'correction', entityType: 'article', entityId: articleId, detail: body })
      .run()
  })
}

/** Stores key points an editor asked for (from the summary service) as edited: no recompute replaces them. */
export function setKeyPoints(db: Executor, articleId: number, points: string[], actorId: number, source: string) {
  return db.transaction((tx) => {
    const row = tx
      .update(articles)
      .set({ keyPoints: cleanKeyPoints(points), keyPointsMode: 'edited', updatedAt: new Date() })
      .where(eq(articles.id, articleId))
      .returning({ title: articles.title })
      .get()
    if (!row) return false
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'key-points', entityType: 'article', entityId: articleId, detail: source })
      .run()
    return true
  })
}
