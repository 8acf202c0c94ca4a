import { and, asc, eq } from 'drizzle-orm'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, writerConnection } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { deleteMedia, insertMedia, updateMediaDetails } from '@/db/mutations/media'
import { articles, auditLog, media, users } from '@/db/schema'
import { ingestImage, maxUploadBytes, type ProcessedImage, processImage, UploadError, uploadsDir } from './media'

// Test setup writes on the writing connection; `db` outside a transaction reads only.
const writer = writerConnection()

const hostileDir = path.join(process.cwd(), '..', 'shared', 'testdata', 'security', 'uploads')

const gradient = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 160 } } })

let fixtures: Record<'jpegWithGps' | 'png' | 'gif' | 'webp1x1' | 'avif' | 'truncatedJpeg', Buffer>

beforeAll(async () => {
  const jpeg = await gradient(1000, 700)
    .jpeg()
    .withExif({
      IFD0: { Artist: '<script>alert(1)</script>', ImageDescription: 'Harbour at dawn' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .toBuffer()
  fixtures = {
    jpegWithGps: jpeg,
    png: await gradient(640, 480).png().toBuffer(),
    gif: await gradient(120, 80).gif().toBuffer(),
    webp1x1: await gradient(1, 1).webp().toBuffer(),
    avif: await gradient(200, 100).avif().toBuffer(),
    truncatedJpeg: jpeg.subarray(0, Math.floor(jpeg.length / 2)),
  }
})

async function expectStripped(processed: ProcessedImage) {
  expect(processed.mimeType).toBe('image/webp')
  expect(processed.variants.length).toBeGreaterThan(0)
  for (const v of processed.variants) {
    expect(v.path).toMatch(/^\d{4}\/\d{2}\/[a-z0-9-]+-\d+\.webp$/)
    const file = path.join(uploadsDir, v.path)
    const meta = await sharp(file).metadata()
    expect(meta.format).toBe('webp')
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect(meta.iptc).toBeUndefined()
    expect(meta.comments).toBeUndefined()
    const bytes = fs.readFileSync(file).toString('latin1')
    expect(bytes).not.toMatch(/<script|GPS|alert\(/i)
  }
}

describe('ingestImage accepts real images and strips their metadata', () => {
  it('re-encodes a JPEG carrying EXIF and GPS into WebP renditions without them', async () => {
    expect((await sharp(fixtures.jpegWithGps).metadata()).exif).toBeDefined()
    const processed = await ingestImage(fixtures.jpegWithGps, 'harbour.jpg')
    expect(processed.variants.map((v) => v.width)).toEqual([480, 800, 1000])
    expect(processed.width).toBe(1000)
    expect(processed.height).toBe(700)
    await expectStripped(processed)
  })

  it.each(['png', 'gif', 'webp1x1', 'avif'] as const)('accepts %s', async (name) => {
    await expectStripped(await ingestImage(fixtures[name], `${name}.bin`))
  })

  it('makes its own file names, whatever the upload was called', async () => {
    const processed = await ingestImage(fixtures.png, '../../etc/passwd\u202Egpj.exe')
    for (const v of processed.variants) {
      expect(v.path).not.toContain('..')
      expect(path.resolve(uploadsDir, v.path).startsWith(uploadsDir + path.sep)).toBe(true)
    }
  })
})

describe('ingestImage refuses anything else with UploadError', () => {
  const refuse = async (input: Buffer | (() => Promise<Buffer>), name: string) => {
    const buffer = typeof input === 'function' ? await input() : input
    await expect(ingestImage(buffer, name)).rejects.toBeInstanceOf(UploadError)
  }

  it('refuses HTML named .jpg, with or without a JPEG signature', async () => {
    await refuse(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'photo.jpg')
    await refuse(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script>')]),
      'photo.jpg',
    )
  })

  it('refuses SVG, even though sharp can render it', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="alert(1)"><script>alert(2)</script><rect width="40" height="40"/></svg>',
    )
    expect((await sharp(svg).metadata()).format).toBe('svg')
    await refuse(svg, 'logo.png')
  })

  it('refuses a truncated JPEG', async () => {
    await refuse(fixtures.truncatedJpeg, 'half.jpg')
  })

  it('refuses empty and oversized files before decoding', async () => {
    await refuse(Buffer.alloc(0), 'empty.jpg')
    await refuse(Buffer.alloc(maxUploadBytes + 1), 'huge.jpg')
  })

  it('refuses images too wide or with too many pixels', async () => {
    await refuse(() => gradient(12_001, 8).png().toBuffer(), 'wide.png')
    await refuse(() => gradient(7000, 6000).png({ compressionLevel: 1 }).toBuffer(), 'large.png')
  })

  it('refuses formats outside the list (TIFF)', async () => {
    await refuse(() => gradient(20, 20).tiff().toBuffer(), 'scan.jpg')
  })
})

describe('hostile upload corpus', () => {
  const files = fs.existsSync(hostileDir) ? fs.readdirSync(hostileDir).sort() : []
  if (files.length === 0) {
    it.skip(`skipped: no hostile files at ${hostileDir}`, async () => {})
    console.log(`Hostile upload corpus not found at ${hostileDir}; those cases were skipped.`)
  }

  it.each(files)('%s is refused or stored stripped, within 2 s', async (name) => {
    const started = performance.now()
    let outcome: ProcessedImage | UploadError
    try {
      outcome = await ingestImage(fs.readFileSync(path.join(hostileDir, name)), name)
    } catch (error) {
      expect(error).toBeInstanceOf(UploadError)
      outcome = error as UploadError
    }
    expect(performance.now() - started).toBeLessThan(2000)
    if (!(outcome instanceof UploadError)) await expectStripped(outcome)
    if (name === 'good.jpg') expect(outcome).not.toBeInstanceOf(UploadError)
    if (/svg|html|truncated|empty|flood|bomb/.test(name)) expect(outcome).toBeInstanceOf(UploadError)
  })
})

describe('processImage', () => {
  it('still renders SVG for the seed', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#369"/></svg>',
    )
    const processed = await processImage(svg, 'seed.png')
    expect(processed.width).toBe(600)
  })
})

describe('media mutations', () => {
  it('inserts, edits and deletes a row with an audit entry each, returning the files to unlink', async () => {
    await migrateDatabase(db)
    const user = (
      await writer
        .insert(users)
        .values({ email: `media-${Date.now()}@example.com`, name: 'Media Tester', role: 'author' })
        .returning({ id: users.id })
    )[0]!
    const processed = await ingestImage(fixtures.png, 'chart.png')
    const id = await insertMedia(processed, {
      originalName: 'chart.png',
      alt: 'A chart',
      caption: null,
      credit: 'Staff',
      uploadedBy: user.id,
    })
    const article = (
      await writer
        .insert(articles)
        .values({ slug: `media-test-${id}`, title: 'Uses the chart', authorId: user.id, featuredImageId: id })
        .returning({ id: articles.id })
    )[0]!

    expect(await updateMediaDetails(id, { alt: 'A bar chart', caption: 'Rainfall', credit: null }, user.id)).toBe(true)
    expect((await db.select().from(media).where(eq(media.id, id)).limit(1))[0]).toMatchObject({
      alt: 'A bar chart',
      caption: 'Rainfall',
      credit: null,
    })
    expect(await updateMediaDetails(999_999, { alt: 'x', caption: null, credit: null }, user.id)).toBe(false)

    const paths = await deleteMedia(id, user.id)
    expect(paths?.sort()).toEqual(processed.variants.map((v) => v.path).sort())
    expect((await db.select().from(media).where(eq(media.id, id)).limit(1))[0]).toBeUndefined()
    expect(
      (await db.select().from(articles).where(eq(articles.id, article.id)).limit(1))[0]?.featuredImageId,
    ).toBeNull()
    expect(await deleteMedia(id, user.id)).toBeUndefined()
    const actions = (
      await db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, 'media'), eq(auditLog.entityId, id)))
        .orderBy(asc(auditLog.id))
    ).map((a) => a.action)
    expect(actions).toEqual(['upload', 'update', 'delete'])
  })
})
