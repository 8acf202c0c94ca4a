import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import sharp from 'sharp'
import { expect, test } from '@playwright/test'
import { testDb } from '../db'
import { actionId } from './corpus'
import { roleCookies } from './support'

const shared = path.resolve(__dirname, '../../../shared/testdata/security/uploads')

// The refusals an uploader can read (services/media.ts and the upload action).
const refusals = [
  'Choose an image file to upload.',
  'The file is empty.',
  'The file is larger than 15 MB.',
  'This file is not an image we can use.',
  'The image is too large',
  'This image is damaged or incomplete',
]

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A 20000 × 20000 one-bit PNG of zeros: some 50 KB on disk, 400 megapixels once decoded. */
function decompressionBomb() {
  const side = 20_000
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header.set([1, 0, 0, 0, 0], 8)
  const rows = Buffer.alloc((1 + side / 8) * side)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** The shared hostile files, or a small set of our own when that folder is absent. */
async function uploadFixtures(): Promise<{ name: string; bytes: Buffer }[]> {
  if (fs.existsSync(shared)) {
    const names = fs.readdirSync(shared).sort()
    test.info().annotations.push({ type: 'corpus', description: `${shared}: ${names.length} files` })
    return names.map((name) => ({ name, bytes: fs.readFileSync(path.join(shared, name)) }))
  }
  console.log(`${shared} not found; using generated upload fixtures.`)
  const good = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
    .jpeg()
    .toBuffer()
  const exif = await sharp(good)
    .withExif({
      IFD0: { Artist: '<script>alert(1)</script>', ImageDescription: '<img src=x onerror=alert(1)>' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' },
    })
    .jpeg()
    .toBuffer()
  return [
    { name: 'good.jpg', bytes: good },
    { name: 'exif-xss.jpg', bytes: exif },
    { name: 'decompression-bomb-20k.png', bytes: decompressionBomb() },
    { name: 'html-content.jpg', bytes: Buffer.from('<html><body><script>alert(1)</script></body></html>') },
    {
      name: 'svg-script.svg',
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
      ),
    },
    { name: 'empty.jpg', bytes: Buffer.alloc(0) },
  ]
}

/** The pid of the process listening on the server's port, found through /proc. */
function listenerPid(port: number) {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`
  const inodes = new Set<string>()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols[1]?.endsWith(hex) && cols[3] === '0A') inodes.add(cols[9]!)
    }
  }
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`)
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1]
        if (inode && inodes.has(inode)) return Number(pid)
      }
    } catch {}
  }
  return null
}

function memory(pid: number | null) {
  if (!pid) return { rss: NaN, hwm: NaN }
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 }
}

/**
 * Every hostile file posted through the media library's upload action as a signed-in author, the
 * way the form posts it. Each is either refused with a message the uploader can read (server
 * actions answer 200 with it; nothing is stored), or stored only as re-encoded WebP renditions
 * under names the server made, served as image/webp with nosniff and no metadata.
 */
test('hostile uploads over HTTP are refused with a message or stored only re-encoded', async ({ request, browser }) => {
  test.setTimeout(180_000)
  const files = await uploadFixtures()
  const { author: cookie } = await roleCookies(browser)
  const id = actionId('uploadMedia')
  const baseURL = test.info().project.use.baseURL!
  const origin = new URL(baseURL).origin
  const pid = listenerPid(Number(new URL(baseURL).port))
  expect(pid, 'the server process is found').not.toBeNull()
  const figures: string[] = []
  const start = memory(pid)

  for (const { name, bytes } of files) {
    const before = await testDb().value<number | null>('SELECT max(id) FROM media')
    const form = new FormData()
    form.append('_1_alt', `Probe ${name}`)
    form.append('_1_caption', '')
    form.append('_1_credit', '')
    form.append('_1_file', new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' }))
    form.append('0', '[{},"$K1"]')
    const m0 = memory(pid)
    const t0 = performance.now()
    const response = await request.post('/admin/media/', {
      headers: { cookie: cookie!, 'Next-Action': id, Origin: origin },
      multipart: form,
      maxRedirects: 0,
      timeout: 60_000,
    })
    const ms = performance.now() - t0
    const body = await response.text()
    const m1 = memory(pid)
    expect(response.status(), `${name}: ${body.slice(0, 200)}`).toBeLessThan(500)
    const redirect = response.headers()['x-action-redirect']
    let outcome: string
    if (redirect) {
      expect(redirect, name).toMatch(/^\/admin\/media\/\d+\/\?uploaded=1/)
      const row = (await testDb().get<{ path: string; mime_type: string; variants: string }>(
        'SELECT * FROM media WHERE id > ? ORDER BY id DESC LIMIT 1',
        before ?? 0,
      ))!
      expect(row.mime_type, name).toBe('image/webp')
      const variants = JSON.parse(row.variants) as { path: string }[]
      for (const v of variants) {
        // Names are the server's: year/month/slug-random-width.webp, never the upload's name.
        expect(v.path, name).toMatch(/^\d{4}\/\d{2}\/[a-z0-9-]{1,40}-[0-9a-f]{8}-\d+\.webp$/)
        const served = await request.get(`/uploads/${v.path}`)
        expect(served.status(), v.path).toBe(200)
        expect(served.headers()['content-type'], v.path).toBe('image/webp')
        expect(served.headers()['x-content-type-options'], v.path).toBe('nosniff')
        const file = await served.body()
        expect(file.subarray(0, 4).toString('latin1') + file.subarray(8, 12).toString('latin1'), v.path).toBe(
          'RIFFWEBP',
        )
        const meta = await sharp(file).metadata()
        expect(meta.format, v.path).toBe('webp')
        expect(meta.exif, `${v.path} carries no EXIF`).toBeUndefined()
        expect(meta.xmp, `${v.path} carries no XMP`).toBeUndefined()
        expect(file.toString('latin1'), v.path).not.toMatch(/<script|<svg|<html|javascript:|onerror|GPS/i)
      }
      outcome = `stored re-encoded (${variants.length} WebP)`
    } else {
      expect(response.status(), name).toBe(200)
      const message = refusals.find((r) => body.includes(r))
      expect(message, `${name} refused with a clear message: ${body.slice(0, 300)}`).toBeTruthy()
      expect(await testDb().value('SELECT max(id) FROM media'), `${name} stored nothing`).toBe(before)
      outcome = `refused: ${message}`
    }
    const line = `${name.padEnd(36)} ${String(bytes.length).padStart(6)} B  ${ms.toFixed(0).padStart(5)} ms  RSS ${m0.rss.toFixed(0)} → ${m1.rss.toFixed(0)} MB (peak ${m1.hwm.toFixed(0)})  ${outcome}`
    figures.push(line)
    console.log(line)
    // Bombs and floods are refused from their header, before any pixel is decoded.
    if (/bomb|flood/.test(name)) expect(m1.rss - m0.rss, `${name} RSS rise (MB)`).toBeLessThan(150)
  }
  const end = memory(pid)
  console.log(`server RSS ${start.rss.toFixed(0)} → ${end.rss.toFixed(0)} MB, peak ${end.hwm.toFixed(0)} MB`)
  test.info().annotations.push({ type: 'figures', description: figures.join('\n') })
})
