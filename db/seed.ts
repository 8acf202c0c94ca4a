import { hash } from '@node-rs/argon2'
import { count, sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { htmlToText, sanitizeBody, escapeHtml } from '@/lib/html'
import { processImage } from '@/services/media'
import { summarize } from '@/lib/summarize'
import { slugify } from '@/lib/slug'
import type { DB } from './client'
import {
  articleAuthors,
  articles,
  articleSections,
  articleTags,
  categories,
  comments,
  media,
  pages,
  settings,
  tags,
  users,
} from './schema'
import {
  alsoListedIn,
  authors as seedAuthors,
  generateArticles,
  type SeedArticle,
  sections,
  siteSettings,
  staticPages,
} from './seed-content'
import { seedImageSvg } from './seed-images'

export type SeedOptions = {
  articles?: number
  images?: number
  adminEmail?: string
  adminPassword?: string
  now?: Date
  log?: (line: string) => void
}

const illustratedArticles = 96

export function isSeeded(db: DB) {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) > 0
}

function articleHtml(a: SeedArticle) {
  const parts: string[] = []
  a.paragraphs.forEach((p, i) => {
    for (const h of a.subheadings.filter((s) => s.beforeParagraph === i)) parts.push(`<h2>${escapeHtml(h.text)}</h2>`)
    parts.push(`<p>${escapeHtml(p)}</p>`)
  })
  return sanitizeBody(parts.join('\n'))
}

/**
 * Fills an empty database with the demo newsroom: settings, staff, sections, images, articles,
 * comments (spam included, held) and static pages. Returns the admin credentials it set.
 */
export async function seedDatabase(db: DB, options: SeedOptions = {}) {
  const log = options.log ?? (() => {})
  const now = options.now ?? new Date()
  const adminEmail = (options.adminEmail ?? 'admin@example.com').toLowerCase()
  const generatedPassword = !options.adminPassword
  const adminPassword = options.adminPassword ?? randomBytes(12).toString('base64url')
  const adminHash = await hash(adminPassword)

  // The newest few stay unpublished, so the back office has a workflow to show from the start.
  const unpublished = ['scheduled', 'pending', 'draft', 'draft'] as const
  const generated = generateArticles((options.articles ?? 320) + unpublished.length, now)

  // A picture of its own for each story a reader meets first; the older archive borrows (below).
  // A caller that caps the images (the unit tests) shares them round the articles.
  const reuseImages = options.images !== undefined
  const imageTotal = Math.min(options.images ?? illustratedArticles, generated.length)
  const images: (ReturnType<typeof seedImageSvg> & { processed: Awaited<ReturnType<typeof processImage>> })[] = []
  for (let i = 0; i < imageTotal; i++) {
    const seed = seedImageSvg(generated[i]!.imageIndex, generated[i]!.section)
    // Flat illustrations gain next to nothing from a slower encoder, and there are hundreds of them.
    const processed = await processImage(Buffer.from(seed.svg), `${seed.section}-${i}.png`, now, { effort: 0 })
    images.push({ ...seed, processed })
  }
  log(`Rendered ${images.length} images`)

  db.transaction((tx) => {
    for (const [key, value] of Object.entries(siteSettings)) {
      tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run()
    }

    const admin = tx
      .insert(users)
      .values({
        email: adminEmail,
        name: 'Site Administrator',
        slug: 'admin',
        role: 'admin',
        passwordHash: adminHash,
        emailVerifiedAt: now,
      })
      .returning({ id: users.id })
      .get()

    const authorIds = seedAuthors.map(
      (a) =>
        tx
          .insert(users)
          .values({ email: a.email, name: a.name, slug: a.slug, role: a.role, jobTitle: a.jobTitle, bio: a.bio })
          .returning({ id: users.id })
          .get().id,
    )

    const categoryIds = new Map<string, number>()
    sections.forEach((s, position) => {
      const row = tx
        .insert(categories)
        .values({ ...s, position })
        .returning({ id: categories.id })
        .get()
      categoryIds.set(s.slug, row.id)
    })

    const mediaIds = images.map(
      (img) =>
        tx
          .insert(media)
          .values({
            path: img.processed.path,
            originalName: `${img.section}.png`,
            mimeType: img.processed.mimeType,
            width: img.processed.width,
            height: img.processed.height,
            bytes: img.processed.bytes,
            variants: img.processed.variants,
            alt: img.alt,
            uploadedBy: admin.id,
            createdAt: now,
          })
          .returning({ id: media.id })
          .get().id,
    )

    const tagIds = new Map<string, number>()
    const tagId = (name: string) => {
      let id = tagIds.get(name)
      if (id === undefined) {
        id = tx
          .insert(tags)
          .values({ name, slug: slugify(name) })
          .returning({ id: tags.id })
          .get().id
        tagIds.set(name, id)
      }
      return id
    }

    const secondary = new Map<number, string>()
    for (const [section, alsoIn] of alsoListedIn) {
      const index = generated.findIndex((a, i) => i > unpublished.length && a.section === section)
      if (index >= 0) secondary.set(index, alsoIn)
    }

    // Older archive stories borrow a picture from a newer story of their own section, in turn, so
    // every story has one and it fits the section; each of the newest has its own.
    const sectionImages = new Map<string, number[]>()
    mediaIds.forEach((_, i) => {
      const section = generated[i]!.section
      sectionImages.set(section, [...(sectionImages.get(section) ?? []), i])
    })
    const borrowed = new Map<string, number>()
    // The position in `images` of a story's picture.
    const imageFor = (index: number, section: string) => {
      if (!mediaIds.length) return undefined
      if (index < mediaIds.length) return index
      if (reuseImages) return index % mediaIds.length
      const own = sectionImages.get(section) ?? mediaIds.map((_, i) => i)
      const turn = borrowed.get(section) ?? 0
      borrowed.set(section, turn + 1)
      return own[turn % own.length]!
    }
    generated.forEach((a, index) => {
      const status = unpublished[index] ?? 'published'
      const picture = imageFor(index, a.section)
      const publishedAt =
        status === 'scheduled'
          ? new Date(now.getTime() + 2 * 86_400_000)
          : status === 'published'
            ? a.publishedAt
            : null
      const body = articleHtml(a)
      const bodyText = htmlToText(body)
      const authorId = authorIds[a.authorIndex % authorIds.length]!
      const row = tx
        .insert(articles)
        .values({
          slug: a.slug,
          title: a.title,
          standfirst: a.standfirst,
          body,
          bodyText,
          keyPoints: summarize(bodyText, { title: a.title }),
          status,
          publishedAt,
          createdAt: a.publishedAt,
          updatedAt: a.publishedAt,
          authorId,
          categoryId: categoryIds.get(a.section) ?? null,
          featuredImageId: picture === undefined ? null : mediaIds[picture]!,
          // The picture's own description: the scene is drawn per story, not per section.
          imageAlt: picture === undefined ? a.imageAlt : images[picture]!.alt,
          imageCaption: a.imageCaption,
          imageCredit: a.imageCredit,
          sourceName: a.sourceName,
          sourceUrl: a.sourceUrl,
          isBreaking: a.isBreaking,
          isFeatured: a.isFeatured,
        })
        .returning({ id: articles.id })
        .get()
      tx.insert(articleAuthors).values({ articleId: row.id, userId: authorId, position: 0 }).run()
      const alsoIn = categoryIds.get(secondary.get(index) ?? '')
      if (alsoIn) tx.insert(articleSections).values({ articleId: row.id, categoryId: alsoIn }).run()
      if (a.coAuthorIndex !== undefined) {
        const co = authorIds[a.coAuthorIndex % authorIds.length]!
        if (co !== authorId) tx.insert(articleAuthors).values({ articleId: row.id, userId: co, position: 1 }).run()
      }
      for (const name of new Set(a.tags))
        tx.insert(articleTags)
          .values({ articleId: row.id, tagId: tagId(name) })
          .onConflictDoNothing()
          .run()
      const commentIds: number[] = []
      for (const c of status === 'published' ? a.comments : []) {
        const createdAt = new Date(Math.min(a.publishedAt.getTime() + c.minutesAfter * 60_000, now.getTime()))
        const id = tx
          .insert(comments)
          .values({
            articleId: row.id,
            parentId: c.replyTo !== undefined ? (commentIds[c.replyTo] ?? null) : null,
            authorName: c.name,
            authorEmail: c.email,
            body: c.body,
            status: c.status,
            createdAt,
          })
          .returning({ id: comments.id })
          .get().id
        commentIds.push(id)
      }
    })

    staticPages.forEach((p, position) => {
      tx.insert(pages)
        .values({
          slug: p.slug,
          title: p.title,
          body: sanitizeBody(p.html),
          status: 'published',
          inTopNav: p.inTopNav,
          position,
          publishedAt: now,
        })
        .run()
    })
  })
  // Sizes and statistics for the query planner, now that the tables hold real data.
  db.run(sql`ANALYZE`)
  log(
    `Seeded ${generated.length - unpublished.length} published articles, ${sections.length} sections and ${staticPages.length} pages`,
  )
  return { adminEmail, adminPassword, generatedPassword }
}
