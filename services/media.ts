import { randomBytes } from 'node:crypto'
import path from 'node:path'
import sharp, { type Metadata } from 'sharp'
import { mediaStore, uploadsFolder } from '@/db/media-store'
import type { ProcessedImage } from '@/lib/images'
import { log } from '@/lib/log'

/** The uploads folder; media are there only when no bucket is configured (db/media-store.ts). */
export const uploadsDir = uploadsFolder()

// Responsive renditions; the browser picks one through srcset.
const widths = [480, 800, 1200, 1600]
export const maxInputPixels = 40_000_000

export type { ProcessedImage }

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
export async function processImage(
  input: Buffer,
  originalName: string,
  now = new Date(),
  encoding: { effort?: number } = {},
): Promise<ProcessedImage> {
  const image = sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' }).rotate()
  const meta = await image.metadata()
  if (!meta.width || !meta.height) throw new Error('Not a readable image')
  const dir = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  const stem = `${baseName(originalName)}-${randomBytes(4).toString('hex')}`
  const targets = widths.filter((w) => w < meta.width!)
  if (targets.length === 0 || targets.at(-1)! < meta.width) targets.push(Math.min(meta.width, 2400))
  const store = mediaStore()
  const variants: ProcessedImage['variants'] = []
  let bytes = 0
  try {
    for (const width of targets) {
      const rel = `${dir}/${stem}-${width}.webp`
      const { data, info } = await image
        .clone()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 78, effort: encoding.effort })
        .toBuffer({ resolveWithObject: true })
      await store.put(rel, data, 'image/webp')
      variants.push({ width: info.width, height: info.height, path: rel })
      bytes = info.size
    }
  } catch (error) {
    // No medium row will name the renditions already stored: they would only take up space.
    await deleteMediaFiles(variants.map((v) => v.path))
    throw error
  }
  const largest = variants.at(-1)!
  return { path: largest.path, mimeType: 'image/webp', width: largest.width, height: largest.height, bytes, variants }
}

export const maxUploadBytes = 15 * 1024 * 1024
const maxUploadSide = 12_000

/** A refused upload; its message is safe to show the uploader. */
export class UploadError extends Error {
  override name = 'UploadError'
}

const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'gif'])
const notAnImage = 'This file is not an image we can use. Upload a JPEG, PNG, WebP, AVIF or GIF file.'

/**
 * The entry point for uploads: checks size, the real format (from the bytes, never the name or the
 * browser's claim) and dimensions, then stores stripped WebP renditions through processImage.
 * Every refusal throws UploadError.
 */
export async function ingestImage(input: Buffer, originalName: string, now = new Date()): Promise<ProcessedImage> {
  if (input.length === 0) throw new UploadError('The file is empty.')
  if (input.length > maxUploadBytes) throw new UploadError('The file is larger than 15 MB.')
  let meta: Metadata
  try {
    meta = await sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' }).metadata()
  } catch (error) {
    if (/pixel limit/i.test(String((error as Error).message))) throw tooLarge()
    throw new UploadError(notAnImage)
  }
  const format = meta.format as string | undefined
  // sharp reports AVIF as 'heif'; HEIC shares the container but is not accepted. SVG decodes too, and is refused here.
  const accepted = acceptedFormats.has(format ?? '') || (format === 'heif' && meta.compression === 'av1')
  if (!accepted) throw new UploadError(notAnImage)
  if (!meta.width || !meta.height) throw new UploadError(notAnImage)
  if (meta.width > maxUploadSide || meta.height > maxUploadSide || meta.width * meta.height > maxInputPixels)
    throw tooLarge()
  try {
    return await processImage(input, originalName, now)
  } catch (error) {
    // Failing to write renditions is the server's problem, not the uploader's: let it surface as one.
    if ((error as NodeJS.ErrnoException).code || /\bwrit/i.test(String((error as Error).message))) throw error
    throw new UploadError('This image is damaged or incomplete and could not be read.')
  }
}

function tooLarge() {
  return new UploadError('The image is too large: at most 12000 pixels a side and 40 megapixels in all.')
}

/**
 * Removes a medium's files once its row is gone. A storage that fails now leaves them behind, which
 * no page shows any more: the deletion itself stands, and the names are logged.
 */
export async function deleteMediaFiles(paths: string[]) {
  try {
    await mediaStore().delete(paths)
  } catch (error) {
    log('warn', 'media files left in storage', { paths, error: String(error) })
  }
}
