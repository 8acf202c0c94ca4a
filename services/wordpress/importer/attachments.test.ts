import { eq } from 'drizzle-orm'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { findRedirect } from '@/db/queries/redirects'
import { media } from '@/db/schema'
import { importAttachment, mediaContext, reportOrphanAttachments } from './attachments'
import { prepareDatabase, readFixture, testContext } from './testing'

const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-attachments-'))
let actorId: number
beforeAll(async () => {
  actorId = await prepareDatabase()
  fs.mkdirSync(path.join(mediaDir, '2024/03'), { recursive: true })
  await sharp({ create: { width: 900, height: 600, channels: 3, background: '#369' } })
    .png()
    .toFile(path.join(mediaDir, '2024/03/harbour.png'))
})

describe('importAttachment', () => {
  it('stores a file from the local copy with its alt, caption and credit, and redirects its old address', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId, mediaDir, download: false })
    await importAttachment(ctx, item(201))
    const row = (await db.select().from(media).limit(1))[0]!
    expect(row).toMatchObject({
      alt: 'Boats moored at dawn',
      caption: 'The harbour before the boats',
      credit: 'Ines Kovac',
      width: 900,
    })
    const src = `/uploads/${row.path}`
    expect(ctx.media.attachments.get(201)).toEqual({
      src,
      alt: 'Boats moored at dawn',
      caption: 'The harbour before the boats',
      parent: 101,
      mediaId: row.id,
    })
    expect(ctx.media.childrenOf.get(101)).toEqual([201])
    expect(ctx.media.storedFiles.length).toBeGreaterThan(0)
    expect((await findRedirect('/wp-content/uploads/2024/03/harbour.png'))?.toPath).toBe(src)
    expect(ctx.report.counts.media).toEqual({ created: 1, updated: 0 })
    // A post's link to a resized copy finds the stored file.
    const links = mediaContext(ctx, item(101))
    expect(links.mediaUrl!('https://herald.example.org/wp-content/uploads/2024/03/harbour-300x200.png')).toBe(src)
    expect(links.childAttachments!()).toEqual([201])
  })

  it('updates what an earlier import stored instead of storing the file again', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId, mediaDir, download: false })
    const harbour = item(201)
    harbour.meta.set('_wp_attachment_image_alt', ['Boats in the mist'])
    await importAttachment(ctx, harbour)
    expect(await db.select().from(media)).toHaveLength(1)
    expect((await db.select().from(media).where(eq(media.alt, 'Boats in the mist')).limit(1))[0]).toBeDefined()
    expect(ctx.report.counts.media).toEqual({ created: 0, updated: 1 })
  })

  it('leaves a file it cannot find at its old address, and reports attachments of posts not in the export', async () => {
    const { site, item } = await readFixture()
    const ctx = await testContext(site.link, { actorId, mediaDir, download: false })
    await importAttachment(ctx, item(202))
    await importAttachment(ctx, item(203))
    expect(ctx.report.keptMediaUrls).toEqual([
      'https://herald.example.org/wp-content/uploads/2024/03/quay.png',
      'https://herald.example.org/wp-content/uploads/2019/01/lost.jpg',
    ])
    expect(ctx.media.attachments.get(203)).toMatchObject({
      src: 'https://herald.example.org/wp-content/uploads/2019/01/lost.jpg',
      mediaId: null,
    })
    await reportOrphanAttachments(ctx)
    expect(ctx.report.skipped).toEqual([
      {
        item: 'attachment 202',
        reason: 'its parent 999 is not in the export; kept in the media library on its own',
      },
    ])
  })
})
