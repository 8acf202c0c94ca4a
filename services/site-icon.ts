import 'server-only'
import sharp from 'sharp'
import { mediaStore } from '@/db/media-store'

// The mark used until a logo is uploaded in the site settings.
const defaultMark = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#991b1b"/><path d="M44 22.5A15 15 0 1 0 46 36H33v-6h20v5a21 21 0 1 1-3.6-17.8z" fill="#fff"/></svg>',
)

/** The icons served beside /favicon.ico, by file name, with their edge in pixels. */
export const iconFiles: Record<string, number> = {
  '192.png': 192,
  '512.png': 512,
  'apple-touch-icon.png': 180,
}

/**
 * A square PNG of the site's logo (a rendition in the media storage), letterboxed on white,
 * or of the default mark. A logo file that is gone or unreadable falls back to the mark.
 */
export async function iconPng(logoPath: string | null, size: number) {
  // A storage that cannot answer is thrown, so the mark is not kept in the logo's place.
  const logo = logoPath ? await mediaStore().read(logoPath) : undefined
  if (logo) {
    try {
      return await sharp(logo)
        .resize(size, size, { fit: 'contain', background: '#ffffff' })
        .flatten({ background: '#ffffff' })
        .png()
        .toBuffer()
    } catch {
      // Fall through to the mark.
    }
  }
  return sharp(defaultMark, { density: Math.ceil((72 * size) / 64) })
    .resize(size, size)
    .png()
    .toBuffer()
}

/** An .ico holding PNG images (the format since Windows Vista; every current browser reads it). */
export function icoFile(images: { size: number; png: Buffer }[]) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt16LE(1, entry + 4)
    header.writeUInt16LE(32, entry + 6)
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}
