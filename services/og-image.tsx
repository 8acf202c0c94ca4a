import 'server-only'
import fs from 'node:fs/promises'
import path from 'node:path'
import { ImageResponse } from 'next/og'
import sharp from 'sharp'
import { isMediaStoreError, mediaStore } from '@/db/media-store'

// Satori reads TTF, OTF and WOFF, not WOFF2; Next ships this one for next/og. Read from disk: no network.
const fontFile = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  'node_modules/next/dist/compiled/@vercel/og/Geist-Regular.ttf',
)
let font: Promise<Buffer> | undefined
const loadFont = () => (font ??= fs.readFile(fontFile))

// The font's Latin and Cyrillic coverage. A glyph missing from it makes next/og fetch a font (or an
// emoji) from the network, which this server never does: anything else is left out of the image.
const drawable =
  /[^\u0020-\u007E\u00A0-\u00AC\u00AE-\u0113\u0116-\u012B\u012E-\u0137\u0139-\u013E\u0141-\u0148\u014A-\u014D\u0150-\u017E\u0400-\u045F\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u20AC\u20B9]/g

export function drawableText(text: string, max: number) {
  const clean = text.replace(/\s+/g, ' ').replace(drawable, '').replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`
}

const brand = '#991b1b'
export const shareSize = { width: 1200, height: 630 }

/**
 * A featured image as a JPEG data URL cropped to the card, or null when the file is gone. A storage
 * that cannot answer is thrown, not drawn around: the card would be kept without its image.
 */
async function backgroundImage(imagePath: string | null) {
  if (!imagePath) return null
  const file = await mediaStore().read(imagePath)
  if (!file) return null
  try {
    const jpeg = await sharp(file)
      .resize(shareSize.width, shareSize.height, { fit: 'cover' })
      .jpeg({ quality: 80 })
      .toBuffer()
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`
  } catch (error) {
    if (isMediaStoreError(error)) throw error
    return null
  }
}

async function png(element: React.ReactElement, size: { width: number; height: number }) {
  const response = new ImageResponse(element, {
    ...size,
    fonts: [{ name: 'Geist', data: await loadFont(), weight: 400, style: 'normal' }],
  })
  return Buffer.from(await response.arrayBuffer())
}

/** The share card of an article: its title and section, and the site's name, over its featured image. */
export async function articleShareImage(
  a: { title: string; section: string | null; imagePath: string | null },
  siteName: string,
) {
  const background = await backgroundImage(a.imagePath)
  const title = drawableText(a.title, 140)
  const titleSize = title.length > 90 ? 52 : title.length > 50 ? 62 : 72
  return png(
    <div style={{ display: 'flex', width: '100%', height: '100%', background: '#18181b', fontFamily: 'Geist' }}>
      {background && (
        // eslint-disable-next-line jsx-a11y/alt-text
        <img
          src={background}
          width={shareSize.width}
          height={shareSize.height}
          style={{ position: 'absolute', top: 0, left: 0 }}
        />
      )}
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'flex-end',
          width: '100%',
          height: '100%',
          padding: '56px 64px',
          backgroundImage:
            'linear-gradient(to bottom, rgba(0,0,0,0.1) 0%, rgba(0,0,0,0.45) 45%, rgba(0,0,0,0.88) 100%)',
          color: 'white',
        }}
      >
        {a.section && (
          <div style={{ display: 'flex' }}>
            <div
              style={{
                background: brand,
                padding: '6px 16px',
                fontSize: 28,
                letterSpacing: 2,
                textTransform: 'uppercase',
              }}
            >
              {drawableText(a.section, 40)}
            </div>
          </div>
        )}
        <div style={{ display: 'flex', marginTop: 24, fontSize: titleSize, lineHeight: 1.15 }}>{title}</div>
        <div
          style={{
            display: 'flex',
            marginTop: 32,
            paddingTop: 20,
            borderTop: '2px solid rgba(255,255,255,0.5)',
            fontSize: 30,
          }}
        >
          {drawableText(siteName, 80)}
        </div>
      </div>
    </div>,
    shareSize,
  )
}

/** The share card of every other page: the site's name and tagline. */
export async function siteShareImage(siteName: string, tagline: string) {
  return png(
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        width: '100%',
        height: '100%',
        padding: '64px 80px',
        background: brand,
        color: 'white',
        fontFamily: 'Geist',
      }}
    >
      <div style={{ display: 'flex', fontSize: 84, lineHeight: 1.1 }}>{drawableText(siteName, 60)}</div>
      {tagline && (
        <div style={{ display: 'flex', marginTop: 28, fontSize: 38, opacity: 0.9 }}>{drawableText(tagline, 120)}</div>
      )}
    </div>,
    shareSize,
  )
}

/** A square logo drawn from the site's name, for structured data when no logo was uploaded. */
export async function logoImage(siteName: string) {
  const name = drawableText(siteName, 60)
  return png(
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: '100%',
        height: '100%',
        padding: 40,
        background: brand,
        color: 'white',
        fontFamily: 'Geist',
        fontSize: name.length > 24 ? 64 : 88,
        lineHeight: 1.1,
        textAlign: 'center',
      }}
    >
      {name}
    </div>,
    { width: 512, height: 512 },
  )
}
