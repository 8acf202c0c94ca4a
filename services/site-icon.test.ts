import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { uploadsDir } from './media'
import { icoFile, iconPng } from './site-icon'

describe('site icons', () => {
  it('draws the logo from the settings, letterboxed on white', async () => {
    await fs.mkdir(path.join(uploadsDir, 'logos'), { recursive: true })
    const blue = { r: 0, g: 0, b: 255 }
    await sharp({ create: { width: 200, height: 100, channels: 3, background: blue } })
      .webp()
      .toFile(path.join(uploadsDir, 'logos/wide.webp'))
    const { data, info } = await sharp(await iconPng('logos/wide.webp', 32))
      .raw()
      .toBuffer({ resolveWithObject: true })
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * 32 + x) * info.channels, (y * 32 + x) * info.channels + 3),
    ]
    expect(pixel(16, 16)).toEqual([0, 0, 255])
    expect(pixel(16, 1)).toEqual([255, 255, 255])
  })

  it('draws the default mark, also when the logo file is gone', async () => {
    for (const logo of [null, 'logos/missing.webp', '../../etc/passwd']) {
      const meta = await sharp(await iconPng(logo, 48)).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 48, 48])
    }
  })

  it('packs PNG images into an .ico directory', async () => {
    const images = await Promise.all([16, 256].map(async (size) => ({ size, png: await iconPng(null, size) })))
    const ico = icoFile(images)
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2])
    expect([ico[6], ico[22]]).toEqual([16, 0])
    const offset = ico.readUInt32LE(6 + 16 + 12)
    const length = ico.readUInt32LE(6 + 16 + 8)
    expect((await sharp(ico.subarray(offset, offset + length)).metadata()).width).toBe(256)
  })
})
