import { count } from 'drizzle-orm'
import fs from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { importActor } from '@/db/mutations/wordpress'
import { findRedirect } from '@/db/queries/redirects'
import { media } from '@/db/schema'
import { importWordpress } from './import'

const fixture = path.join(import.meta.dirname, 'fixtures', 'newsroom.wordpress.xml')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-wxr-fetch-'))
let server: Server
let origin: string
const requested: string[] = []

beforeAll(async () => {
  await migrateDatabase(db)
  const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#963' } })
    .png()
    .toBuffer()
  // The original site, still online: it serves two of the three files.
  server = createServer((req, res) => {
    requested.push(req.url ?? '')
    if (req.url === '/wp-content/uploads/2024/03/harbour.png' || req.url === '/wp-content/uploads/2024/03/quay.png')
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(png)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.close()
})

describe('media from the original site', () => {
  it('downloads what the site still serves and lists what it does not', async () => {
    const file = path.join(tmp, 'online.xml')
    fs.writeFileSync(file, fs.readFileSync(fixture, 'utf8').replaceAll('https://herald.example.org', origin))
    const actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
    const report = await importWordpress(file, { actorId })
    expect(report.error).toBeUndefined()
    expect(report.counts.media).toEqual({ created: 2, updated: 0 })
    expect(report.keptMediaUrls).toEqual([`${origin}/wp-content/uploads/2019/01/lost.jpg`])
    expect((await db.select({ n: count() }).from(media).limit(1))[0]!.n).toBe(2)
    expect((await findRedirect('/wp-content/uploads/2024/03/quay.png'))?.toPath).toMatch(/^\/uploads\/.+-640\.webp$/)
  })

  it('asks a site that drops connections once, then keeps the original addresses', async () => {
    let asked = 0
    const broken = createServer((req) => {
      asked++
      req.socket.destroy()
    })
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve))
    const host = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`
    const file = path.join(tmp, 'offline.xml')
    fs.writeFileSync(file, fs.readFileSync(fixture, 'utf8').replaceAll('https://herald.example.org', host))
    const actorId = (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
    const report = await importWordpress(file, { actorId, siteUrl: 'https://offline.example.org' })
    broken.close()
    expect(report.error).toBeUndefined()
    expect(report.keptMediaUrls).toHaveLength(3)
    expect(asked).toBe(1)
  })
})
