import { eq } from 'drizzle-orm'
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/db/client'
import { describeMediaStore, mediaStore } from '@/db/media-store'
import { migrateDatabase } from '@/db/migrate'
import { importActor } from '@/db/mutations/wordpress'
import { articles } from '@/db/schema'
import { startS3, type TestS3 } from '@/db/test-s3'
import { type WriteFailure, writeFailureMessage, writeFailureOf, withWriteTracking } from '@/lib/write-failure'
import { uploadMedia } from '@/app/admin/(office)/media/actions'
import { GET } from '@/app/uploads/[...path]/route'
import { backupDatabase, restoreUploads } from './backup'
import { databaseHealth } from './health'
import { deleteMediaFiles, ingestImage, uploadsDir } from './media'
import { importWordpress } from './wordpress/import'

// Signing in is not what is tested here: the upload action runs as an editor.
vi.mock('@/services/auth', () => ({
  requireStaff: async () => ({ id: 1, role: 'editor', name: 'Editor', email: 'editor@example.com' }),
}))

let s3: TestS3
let photo: Buffer

beforeAll(async () => {
  s3 = await startS3()
  photo = await sharp({ create: { width: 1000, height: 600, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer()
})

afterAll(async () => {
  s3.unuse()
  await s3.stop()
})

afterEach(() => s3.unuse())

const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).length : 0)
const objectKeys = async () =>
  ((await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((o) => o.Key!).sort()

/** A request through the /uploads/ route handler, as Next calls it. */
const serve = (key: string, headers: Record<string, string> = {}) =>
  GET(new Request(`http://localhost/uploads/${key}`, { headers }), {
    params: Promise.resolve({ path: key.split('/') }),
  })

describe('media on S3-compatible storage', () => {
  it('names the bucket and endpoint, never the keys', () => {
    s3.use()
    expect(describeMediaStore()).toBe(`S3 bucket ${s3.bucket} at ${s3.endpoint} (us-east-1)`)
    expect(describeMediaStore()).not.toContain('S3RVER')
  })

  it('stores an upload and its renditions as objects with their type and a year of caching, none on disk', async () => {
    s3.use()
    const before = filesIn(uploadsDir)
    const processed = await ingestImage(photo, 'Harbour at dawn.jpg')
    expect(processed.variants.map((v) => v.width)).toEqual([480, 800, 1000])
    expect(await objectKeys()).toEqual(expect.arrayContaining(processed.variants.map((v) => v.path)))
    for (const v of processed.variants) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: v.path }))
      expect(head.ContentType).toBe('image/webp')
      expect(head.CacheControl).toBe('public, max-age=31536000, immutable')
      const body = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: v.path }))
      const meta = await sharp(Buffer.from(await body.Body!.transformToByteArray())).metadata()
      expect({ format: meta.format, width: meta.width }).toEqual({ format: 'webp', width: v.width })
    }
    expect(filesIn(uploadsDir)).toBe(before)
  })

  it('serves an object back with caching headers, a 304 for its ETag, and 404 for what is not there', async () => {
    s3.use()
    const processed = await ingestImage(photo, 'served.jpg')
    const key = processed.variants[0]!.path
    const stored = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))
    const bytes = Buffer.from(await stored.Body!.transformToByteArray())

    const res = await serve(key)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/webp')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-length')).toBe(String(bytes.length))
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    const etag = res.headers.get('etag')
    expect(etag).toBeTruthy()

    const again = await serve(key, { 'If-None-Match': etag! })
    expect(again.status).toBe(304)
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')

    expect((await serve('2026/01/never-uploaded-800.webp')).status).toBe(404)
    expect((await serve(`${key.replace(/\.webp$/, '')}.html`)).status).toBe(404)
    expect((await serve('../outside/secret-800.webp')).status).toBe(404)
  })

  it('deletes every rendition of a medium', async () => {
    s3.use()
    const processed = await ingestImage(photo, 'deleted.jpg')
    const keys = processed.variants.map((v) => v.path)
    await deleteMediaFiles(keys)
    const left = await objectKeys()
    for (const key of keys) expect(left).not.toContain(key)
    expect((await serve(keys[0]!)).status).toBe(404)
  })

  it('reports a store that cannot be reached as its own failure, and recovers when it is back', async () => {
    s3.use()
    const processed = await ingestImage(photo, 'before-outage.jpg')
    const key = processed.variants[0]!.path
    await s3.pause()
    try {
      const refused = await ingestImage(photo, 'during-outage.jpg').catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(Error)
      expect(writeFailureOf(refused)).toBe('storage')
      const res = await serve(key)
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBeTruthy()
      expect(res.headers.get('cache-control')).toBe('no-store')

      // The upload form: the editor's text back with the message, and the request marked for a 503.
      const form = new FormData()
      form.set('alt', 'Boats in the harbour')
      form.set('caption', 'Dawn on the quay')
      form.set('file', new File([new Uint8Array(photo)], 'harbour.jpg', { type: 'image/jpeg' }))
      const request: { failure?: WriteFailure } = {}
      const state = await withWriteTracking(request, () => uploadMedia({}, form))
      expect(state.message).toBe(writeFailureMessage('storage'))
      expect(state.message).toContain('the media storage cannot be reached')
      expect(state.values).toMatchObject({ alt: 'Boats in the harbour', caption: 'Dawn on the quay' })
      expect(request.failure).toBe('storage')
      expect((await databaseHealth()).media).toMatchObject({ kind: 's3', failingSince: expect.any(String) })
    } finally {
      await s3.resume()
    }
    // The same store, without a restart.
    expect((await serve(key)).status).toBe(200)
    expect((await ingestImage(photo, 'after-outage.jpg')).variants).toHaveLength(3)
    expect((await databaseHealth()).media).toEqual({ kind: 's3' })
  })

  it('leaves the uploads folder to itself when no bucket is configured', async () => {
    s3.unuse()
    expect(mediaStore().kind).toBe('folder')
    const processed = await ingestImage(photo, 'local.jpg')
    expect(fs.existsSync(`${uploadsDir}/${processed.path}`)).toBe(true)
    expect(await objectKeys()).not.toContain(processed.path)
    const res = await serve(processed.path)
    expect(res.status).toBe(200)
    const etag = res.headers.get('etag')!
    expect((await serve(processed.path, { 'If-None-Match': etag })).status).toBe(304)
    fs.mkdirSync(path.join(uploadsDir, '2026/01/a-folder.webp'), { recursive: true })
    expect((await serve('2026/01/a-folder.webp')).status).toBe(404)
    expect((await serve('2026/01/missing-800.webp')).status).toBe(404)
    expect((await serve('../test.db')).status).toBe(404)
  })

  it('copies new objects into a backup, and puts back what the bucket lost', async () => {
    s3.use()
    await migrateDatabase(db)
    const processed = await ingestImage(photo, 'backed-up.jpg')
    const keys = processed.variants.map((v) => v.path)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-s3-backup-'))
    try {
      const first = await backupDatabase({ dir, uploads: mediaStore(), now: new Date('2026-12-01T00:00:00Z') })
      expect(first.uploadsCopied).toBe((await objectKeys()).length)
      for (const key of keys) expect(fs.existsSync(path.join(dir, 'uploads', key))).toBe(true)
      const second = await backupDatabase({ dir, uploads: mediaStore(), now: new Date('2026-12-02T00:00:00Z') })
      expect(second.uploadsCopied).toBe(0)

      const served = Buffer.from(await (await serve(keys[1]!)).arrayBuffer())
      await deleteMediaFiles(keys)
      expect((await serve(keys[1]!)).status).toBe(404)
      expect(await restoreUploads(path.join(dir, 'uploads'), mediaStore())).toBe(keys.length)
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: keys[1]! }))
      expect(head.ContentType).toBe('image/webp')
      expect(head.CacheControl).toBe('public, max-age=31536000, immutable')
      expect(Buffer.from(await (await serve(keys[1]!)).arrayBuffer()).equals(served)).toBe(true)
      expect(await restoreUploads(path.join(dir, 'uploads'), mediaStore())).toBe(0)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("imports a WordPress site's media into the bucket, served at the addresses its posts now use", async () => {
    s3.use()
    await migrateDatabase(db)
    const actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
    const wpUploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-wp-uploads-'))
    try {
      fs.mkdirSync(path.join(wpUploads, '2024/03'), { recursive: true })
      for (const name of ['harbour', 'quay'])
        await sharp({ create: { width: 900, height: 600, channels: 3, background: '#369' } })
          .png()
          .toFile(path.join(wpUploads, `2024/03/${name}.png`))
      const before = filesIn(uploadsDir)
      const keysBefore = new Set(await objectKeys())
      const fixture = path.join(import.meta.dirname, 'wordpress', 'fixtures', 'newsroom.wordpress.xml')
      const report = await importWordpress(fixture, { actorId, mediaDir: wpUploads, download: false })
      expect(report.error).toBeUndefined()
      expect(report.counts.media?.created).toBeGreaterThan(0)
      const added = (await objectKeys()).filter((k) => !keysBefore.has(k))
      expect(added.length).toBeGreaterThan(0)
      expect(filesIn(uploadsDir)).toBe(before)
      for (const key of added) {
        const res = await serve(key)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toBe('image/webp')
      }
      const [post] = await db.select({ body: articles.body }).from(articles).where(eq(articles.id, 101))
      const sources = [...post!.body.matchAll(/src="\/uploads\/([^"]+)"/g)].map((m) => m[1]!)
      expect(sources.length).toBeGreaterThan(0)
      for (const key of sources) expect(added).toContain(key)
    } finally {
      fs.rmSync(wpUploads, { recursive: true, force: true })
    }
  })
})
