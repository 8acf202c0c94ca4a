// Builds the synthetic benchmark database: `npm run bench:data -- --articles 100000 [--out FILE] [--fresh]`.
import { hash } from '@node-rs/argon2'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { migrateDatabase } from '@/db/migrate'
import * as schema from '@/db/schema'
import {
  authors,
  generateArticles,
  type SeedArticle,
  sections,
  siteSettings,
  staticPages,
} from '@/services/seed/seed-content'
import { seedImageSvg } from '@/services/seed/seed-images'
import { escapeHtml, sanitizeBody } from '@/lib/html'
import { slugify } from '@/lib/slug'
import { benchAdmin, defaultBenchDb, parseArgs } from './common'
import { seededRandom } from '@/lib/random'

// Bumped whenever the generated content changes shape, so an older file is rebuilt.
const formatVersion = 1

type Meta = { version: number; articles: number; builtAt: string; seconds: number; bytes: number }

const metaPath = (out: string) => `${out}.json`

export function readMeta(out: string): Meta | undefined {
  try {
    return JSON.parse(fs.readFileSync(metaPath(out), 'utf8')) as Meta
  } catch {
    return undefined
  }
}

const imagesPerSection = 2
const imageWidths = [480, 800, 1200, 1600]

async function renderImages(uploadsDir: string, now: Date) {
  const dir = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  fs.mkdirSync(path.join(uploadsDir, dir), { recursive: true })
  const out: { path: string; width: number; height: number; bytes: number; alt: string; variants: object[] }[] = []
  for (let s = 0; s < sections.length; s++) {
    for (let k = 0; k < imagesPerSection; k++) {
      const seed = seedImageSvg(s * 5 + k, sections[s]!.slug)
      const variants: { width: number; height: number; path: string }[] = []
      let bytes = 0
      for (const width of imageWidths) {
        const rel = `${dir}/bench-${seed.section}-${k}-${width}.webp`
        const info = await sharp(Buffer.from(seed.svg))
          .resize({ width })
          .webp({ quality: 78 })
          .toFile(path.join(uploadsDir, rel))
        variants.push({ width: info.width, height: info.height, path: rel })
        bytes = info.size
      }
      const largest = variants.at(-1)!
      out.push({ path: largest.path, width: largest.width, height: largest.height, bytes, alt: seed.alt, variants })
    }
  }
  return out
}

const topicWords = [
  'Elections',
  'Water Supply',
  'Roads',
  'Schools',
  'Hospital',
  'Metro',
  'Lake',
  'Market',
  'Festival',
  'Police',
  'Budget',
  'Housing',
  'Parks',
  'Startups',
  'Farmers',
  'Cricket Club',
  'University',
  'Heritage',
  'Airport',
  'Floods',
  'Power Cuts',
  'Buses',
  'Waste',
  'Courts',
  'Temple Trust',
  'Port',
  'Rail Line',
  'Stadium',
  'Library',
  'Zoo',
]

/** Fills `file` (which must not exist) with `count` articles. */
async function build(file: string, count: number, log: (s: string) => void) {
  const now = new Date()
  const rand = seededRandom(2024)
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))

  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = OFF')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144')
  sqlite.pragma('foreign_keys = OFF')
  await migrateDatabase(drizzle(sqlite, { schema }))

  // Per-row triggers (FTS sync, cache purge events) would triple the insert time; the FTS
  // index is rebuilt in one pass afterwards and purge events mean nothing before a server runs.
  const triggers = sqlite
    .prepare<[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`)
    .all()
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`)

  let t = Date.now()
  const images = await renderImages(path.join(path.dirname(file), 'uploads'), now)
  log(`Rendered ${images.length} images in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  t = Date.now()
  const generated = generateArticles(count, now)
  log(`Generated ${count} articles in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  const adminHash = await hash(benchAdmin.password)
  const ins = {
    setting: sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)'),
    user: sqlite.prepare(
      `INSERT INTO users (email, name, slug, role, password_hash, job_title, bio, email_verified_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    category: sqlite.prepare(
      'INSERT INTO categories (name, slug, description, position, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    media: sqlite.prepare(
      `INSERT INTO media (path, original_name, mime_type, width, height, bytes, variants, alt, uploaded_by, created_at)
       VALUES (?, ?, 'image/webp', ?, ?, ?, ?, ?, ?, ?)`,
    ),
    tag: sqlite.prepare('INSERT INTO tags (name, slug, created_at) VALUES (?, ?, ?)'),
    article: sqlite.prepare(
      `INSERT INTO articles (slug, title, standfirst, body, body_text, status, published_at, author_id, category_id,
         featured_image_id, image_alt, image_caption, image_credit, source_url, source_name, is_breaking, is_featured,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    articleAuthor: sqlite.prepare('INSERT INTO article_authors (article_id, user_id, position) VALUES (?, ?, ?)'),
    articleTag: sqlite.prepare('INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)'),
    comment: sqlite.prepare(
      `INSERT INTO comments (article_id, parent_id, author_name, author_email, body, status, ip, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    page: sqlite.prepare(
      `INSERT INTO pages (slug, title, body, status, in_top_nav, position, published_at, created_at, updated_at)
       VALUES (?, ?, ?, 'published', ?, ?, ?, ?, ?)`,
    ),
  }

  const nowMs = now.getTime()
  const categoryIds = new Map<string, number>()
  const authorIds: number[] = []
  const mediaIds: number[] = []
  let adminId = 0
  sqlite.transaction(() => {
    for (const [key, value] of Object.entries(siteSettings)) ins.setting.run(key, JSON.stringify(value), nowMs)
    adminId = Number(
      ins.user.run(benchAdmin.email, 'Site Administrator', 'admin', 'admin', adminHash, null, null, nowMs, nowMs, nowMs)
        .lastInsertRowid,
    )
    for (const a of authors)
      authorIds.push(
        Number(
          ins.user.run(a.email, a.name, a.slug, a.role, null, a.jobTitle, a.bio, null, nowMs, nowMs).lastInsertRowid,
        ),
      )
    sections.forEach((s, i) =>
      categoryIds.set(s.slug, Number(ins.category.run(s.name, s.slug, s.description, i, nowMs).lastInsertRowid)),
    )
    for (const img of images)
      mediaIds.push(
        Number(
          ins.media.run(
            img.path,
            path.basename(img.path),
            img.width,
            img.height,
            img.bytes,
            JSON.stringify(img.variants),
            img.alt,
            adminId,
            nowMs,
          ).lastInsertRowid,
        ),
      )
    staticPages.forEach((p, i) =>
      ins.page.run(p.slug, p.title, sanitizeBody(p.html), p.inTopNav ? 1 : 0, i, nowMs, nowMs, nowMs),
    )
  })()

  const tagIds = new Map<string, number>()
  const usedTagSlugs = new Set<string>()
  const tagId = (name: string) => {
    let id = tagIds.get(name)
    if (id === undefined) {
      let slug = slugify(name)
      while (usedTagSlugs.has(slug)) slug += '-x'
      usedTagSlugs.add(slug)
      id = Number(ins.tag.run(name, slug, nowMs).lastInsertRowid)
      tagIds.set(name, id)
    }
    return id
  }

  const commentPool = generated.flatMap((a) => a.comments).filter((c) => c.status === 'approved')
  const cities = [...new Set(generated.filter((a) => a.section === 'breaking-news').flatMap((a) => a.tags.slice(-1)))]
  // Paragraphs of other articles in the same section pad bodies to news-article length.
  const sectionParagraphs = new Map<string, string[]>()
  for (const a of generated.slice(0, 4000)) {
    const list = sectionParagraphs.get(a.section) ?? []
    list.push(...a.paragraphs.slice(1, -1))
    sectionParagraphs.set(a.section, list)
  }

  function bodyOf(a: SeedArticle) {
    const target = int(1500, 6000)
    const paragraphs = [...a.paragraphs]
    const pool = sectionParagraphs.get(a.section)!
    let length = paragraphs.reduce((n, p) => n + p.length, 0)
    while (length < target) {
      const p = pool[int(0, pool.length - 1)]!
      paragraphs.splice(paragraphs.length - 1, 0, p)
      length += p.length
    }
    const html: string[] = []
    const text: string[] = []
    paragraphs.forEach((p, i) => {
      for (const h of a.subheadings.filter((s) => s.beforeParagraph === i)) {
        html.push(`<h2>${escapeHtml(h.text)}</h2>`)
        text.push(h.text)
      }
      if (i > 0 && i % 6 === 0) {
        const sub = `${a.subheadings[0]?.text ?? 'More'} (${i / 6 + 1})`
        html.push(`<h2>${escapeHtml(sub)}</h2>`)
        text.push(sub)
      }
      html.push(`<p>${escapeHtml(p)}</p>`)
      text.push(p)
    })
    return { html: html.join('\n'), text: text.join('\n\n') }
  }

  // Newest first from the generator, spread over two years; stretched here to ten.
  const span10 = (a: SeedArticle, i: number) => {
    if (i < 3) return a.publishedAt.getTime()
    const age = nowMs - a.publishedAt.getTime() - 3 * 3_600_000
    return nowMs - 3 * 3_600_000 - age * 5
  }

  t = Date.now()
  let commentTotal = 0
  const batch = 5000
  for (let start = count - 1; start >= 0; start -= batch) {
    sqlite.transaction(() => {
      for (let i = start; i > start - batch && i >= 0; i--) {
        const a = generated[i]!
        const published = span10(a, i)
        const status =
          i === 0 ? 'scheduled' : i < 4 ? 'draft' : i % 97 === 5 ? 'draft' : i % 131 === 7 ? 'pending' : 'published'
        const publishedAt = status === 'scheduled' ? nowMs + 2 * 86_400_000 : status === 'published' ? published : null
        const sectionIndex = sections.findIndex((s) => s.slug === a.section)
        const authorId = authorIds[a.authorIndex % authorIds.length]!
        const body = bodyOf(a)
        const id = Number(
          ins.article.run(
            a.slug,
            a.title,
            a.standfirst,
            body.html,
            body.text,
            status,
            publishedAt,
            authorId,
            categoryIds.get(a.section) ?? null,
            mediaIds[sectionIndex * imagesPerSection + (a.imageIndex % imagesPerSection)] ?? null,
            a.imageAlt,
            a.imageCaption,
            a.imageCredit,
            a.sourceUrl ?? null,
            a.sourceName ?? null,
            a.isBreaking ? 1 : 0,
            a.isFeatured ? 1 : 0,
            published,
            published,
          ).lastInsertRowid,
        )
        ins.articleAuthor.run(id, authorId, 0)
        if (a.coAuthorIndex !== undefined && authorIds[a.coAuthorIndex] !== authorId)
          ins.articleAuthor.run(id, authorIds[a.coAuthorIndex]!, 1)
        const names = new Set(a.tags)
        if (rand() < 0.4) names.add(`${cities[int(0, cities.length - 1)]} ${topicWords[int(0, topicWords.length - 1)]}`)
        for (const name of names) ins.articleTag.run(id, tagId(name))

        if (status !== 'published') continue
        const n = rand() < 0.3 ? 0 : Math.min(60, 1 + Math.floor(-Math.log(1 - rand()) * 7))
        const ids: number[] = []
        let at = published
        for (let c = 0; c < n; c++) {
          const from = commentPool[int(0, commentPool.length - 1)]!
          at = Math.min(at + int(2, 240) * 60_000, nowMs)
          const r = rand()
          const cStatus = r < 0.88 ? 'approved' : r < 0.95 ? 'pending' : r < 0.99 ? 'spam' : 'trash'
          const parent = ids.length && rand() < 0.3 ? ids[int(0, ids.length - 1)]! : null
          ids.push(
            Number(
              ins.comment.run(
                id,
                parent,
                from.name,
                from.email,
                from.body,
                cStatus,
                `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
                at,
              ).lastInsertRowid,
            ),
          )
        }
        commentTotal += n
      }
    })()
    const done = count - Math.max(0, start - batch + 1)
    if (done % 25_000 < batch || start - batch < 0) log(`  ${done} / ${count} articles`)
  }
  log(
    `Inserted ${count} articles, ${commentTotal} comments, ${tagIds.size} tags in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  )

  t = Date.now()
  // Published articles only, as the triggers keep it (FTS5's 'rebuild' would index drafts too).
  sqlite.exec(
    `INSERT INTO articles_fts(rowid, title, standfirst, body_text)
       SELECT id, title, standfirst, body_text FROM articles WHERE status = 'published'`,
  )
  for (const tr of triggers) sqlite.exec(tr.sql)
  log(`Built the search index in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  t = Date.now()
  sqlite.exec('ANALYZE')
  sqlite.pragma('journal_mode = WAL')
  sqlite.close()
  log(`ANALYZE in ${((Date.now() - t) / 1000).toFixed(1)} s`)
}

/** Returns the database path, building it first unless a matching one exists. */
export async function ensureBenchData(options: {
  articles: number
  out?: string
  fresh?: boolean
  log?: (s: string) => void
}) {
  const out = path.resolve(options.out ?? defaultBenchDb)
  const log = options.log ?? console.log
  const meta = readMeta(out)
  if (!options.fresh && fs.existsSync(out) && meta?.version === formatVersion && meta.articles === options.articles) {
    log(`Reusing ${path.relative(process.cwd(), out)} (${options.articles} articles, built ${meta.builtAt})`)
    return out
  }
  const started = Date.now()
  log(`Building ${path.relative(process.cwd(), out)} with ${options.articles} articles…`)
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const tmp = `${out}.building`
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, metaPath(out)]) fs.rmSync(f, { force: true })
  fs.rmSync(path.join(path.dirname(out), 'uploads'), { recursive: true, force: true })
  await build(tmp, options.articles, log)
  for (const f of [out, `${out}-wal`, `${out}-shm`]) fs.rmSync(f, { force: true })
  fs.renameSync(tmp, out)
  const seconds = (Date.now() - started) / 1000
  const bytes = fs.statSync(out).size
  const next: Meta = {
    version: formatVersion,
    articles: options.articles,
    builtAt: new Date().toISOString(),
    seconds,
    bytes,
  }
  fs.writeFileSync(metaPath(out), JSON.stringify(next, null, 2))
  log(`Done in ${seconds.toFixed(1)} s: ${(bytes / 1024 / 1024).toFixed(1)} MB`)
  return out
}

if (require.main === module) {
  const flags = parseArgs(process.argv.slice(2))
  const articles = Number(flags.get('articles') ?? 100_000)
  if (!Number.isInteger(articles) || articles < 10) {
    console.error('--articles must be a whole number of at least 10')
    process.exit(1)
  }
  const out = typeof flags.get('out') === 'string' ? (flags.get('out') as string) : undefined
  ensureBenchData({ articles, out, fresh: flags.has('fresh') }).catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
