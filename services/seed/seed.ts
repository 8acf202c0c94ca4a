import { hash } from '@node-rs/argon2'
import { randomBytes } from 'node:crypto'
import { htmlToText, sanitizeBody, escapeHtml } from '@/lib/html'
import { deleteMediaFiles, processImage } from '@/services/media'
import { summarize } from '@/lib/summarize'
import { slugify } from '@/lib/slug'
import { transaction } from '@/db/client'
import {
  analyzeDatabase,
  claimEmptyDatabase,
  seedArticle,
  seedComment,
  seedMedia,
  seedPage,
  seedSection,
  seedSetting,
  seedTag,
  seedUser,
} from '@/db/mutations/seed'
import { hasAnyUser } from '@/db/queries/seed'
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

export function isSeeded() {
  return hasAnyUser()
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
export async function seedDatabase(options: SeedOptions = {}) {
  const log = options.log ?? (() => {})
  const now = options.now ?? new Date()
  const adminEmail = (options.adminEmail ?? 'admin@example.com').toLowerCase()
  const generatedPassword = !options.adminPassword
  const adminPassword = options.adminPassword ?? randomBytes(12).toString('base64url')
  const adminHash = await hash(adminPassword)

  // The newest few stay unpublished, so the back office has a workflow to show from the start; the
  // three after them are today's news, so the front page and a first digest are not days old.
  const unpublished = ['scheduled', 'pending', 'draft', 'draft'] as const
  const generated = generateArticles((options.articles ?? 320) + unpublished.length, now, {
    recent: unpublished.length + 3,
  })

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

  const seeded = await transaction(async () => {
    if (!(await claimEmptyDatabase())) return false
    for (const [key, value] of Object.entries(siteSettings)) await seedSetting(key, value)

    const adminId = await seedUser({
      email: adminEmail,
      name: 'Site Administrator',
      slug: 'admin',
      role: 'admin',
      passwordHash: adminHash,
      emailVerifiedAt: now,
    })

    const authorIds: number[] = []
    for (const a of seedAuthors)
      authorIds.push(
        await seedUser({ email: a.email, name: a.name, slug: a.slug, role: a.role, jobTitle: a.jobTitle, bio: a.bio }),
      )

    const categoryIds = new Map<string, number>()
    for (const [position, s] of sections.entries()) categoryIds.set(s.slug, await seedSection({ ...s, position }))

    const mediaIds: number[] = []
    for (const img of images)
      mediaIds.push(
        await seedMedia({
          path: img.processed.path,
          originalName: `${img.section}.png`,
          mimeType: img.processed.mimeType,
          width: img.processed.width,
          height: img.processed.height,
          bytes: img.processed.bytes,
          variants: img.processed.variants,
          alt: img.alt,
          uploadedBy: adminId,
          createdAt: now,
        }),
      )

    const tagIds = new Map<string, number>()
    const tagId = async (name: string) => {
      let id = tagIds.get(name)
      if (id === undefined) {
        id = await seedTag({ name, slug: slugify(name) })
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
    for (const [index, a] of generated.entries()) {
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
      const co = a.coAuthorIndex === undefined ? undefined : authorIds[a.coAuthorIndex % authorIds.length]!
      const alsoIn = categoryIds.get(secondary.get(index) ?? '')
      const articleTagIds: number[] = []
      for (const name of new Set(a.tags)) articleTagIds.push(await tagId(name))
      const articleId = await seedArticle(
        {
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
        },
        {
          authorIds: co !== undefined && co !== authorId ? [authorId, co] : [authorId],
          alsoInSectionIds: alsoIn ? [alsoIn] : [],
          tagIds: articleTagIds,
        },
      )
      const commentIds: number[] = []
      for (const c of status === 'published' ? a.comments : []) {
        const createdAt = new Date(Math.min(a.publishedAt.getTime() + c.minutesAfter * 60_000, now.getTime()))
        commentIds.push(
          await seedComment({
            articleId,
            parentId: c.replyTo !== undefined ? (commentIds[c.replyTo] ?? null) : null,
            authorName: c.name,
            authorEmail: c.email,
            body: c.body,
            status: c.status,
            createdAt,
          }),
        )
      }
    }

    for (const [position, p] of staticPages.entries())
      await seedPage({
        slug: p.slug,
        title: p.title,
        body: sanitizeBody(p.html),
        status: 'published',
        inTopNav: p.inTopNav,
        position,
        publishedAt: now,
      })
    return true
  })
  if (!seeded) {
    // Another process seeded it meanwhile: this one's pictures would be shown by nothing.
    await deleteMediaFiles(images.flatMap((img) => img.processed.variants.map((v) => v.path)))
    log('Another process seeded the database meanwhile; nothing seeded here.')
    return { seeded, adminEmail }
  }
  await analyzeDatabase()
  log(
    `Seeded ${generated.length - unpublished.length} published articles, ${sections.length} sections and ${staticPages.length} pages`,
  )
  return { seeded, adminEmail, adminPassword, generatedPassword }
}
