import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { databasePath } from '@/db/client'

export const uploadsDir = path.resolve(
  /*turbopackIgnore: true*/ process.env.UPLOADS_DIR ?? path.join(path.dirname(databasePath), 'uploads'),
)

// Responsive renditions; the browser picks one through srcset.
const widths = [480, 800, 1200, 1600]
export const maxInputPixels = 40_000_000

export type ProcessedImage = {
  path: string
  mimeType: string
  width: number
  height: number
  bytes: number
  variants: { width: number; height: number; path: string }[]
}

function baseName(originalName: string) {
  const stem = path.parse(originalName).name.toLowerCase()
  const slug = stem
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
  return slug || 'image'
}

/**
 * Decodes an image, whatever its claimed type, and re-encodes it as WebP renditions with all
 * metadata stripped. The stored file names are generated here, never taken from the upload.
 */
export async function processImage(input: Buffer, originalName: string, now = new Date()): Promise<ProcessedImage> {
  const image = sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' }).rotate()
  const meta = await image.metadata()
  if (!meta.width || !meta.height) throw new Error('Not a readable image')
  const dir = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  await fs.mkdir(path.join(uploadsDir, dir), { recursive: true })
  const stem = `${baseName(originalName)}-${randomBytes(4).toString('hex')}`
  const targets = widths.filter((w) => w < meta.width!)
  if (targets.length === 0 || targets.at(-1)! < meta.width) targets.push(Math.min(meta.width, 2400))
  const variants: ProcessedImage['variants'] = []
  let bytes = 0
  for (const width of targets) {
    const rel = `${dir}/${stem}-${width}.webp`
    const info = await image
      .clone()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 78 })
      .toFile(path.join(uploadsDir, rel))
    variants.push({ width: info.width, height: info.height, path: rel })
    bytes = info.size
  }
  const largest = variants.at(-1)!
  return { path: largest.path, mimeType: 'image/webp', width: largest.width, height: largest.height, bytes, variants }
}
