import { inArray } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db, writerConnection } from '@/db/client'
import { migrateDatabase } from '@/db/migrate'
import { pruneCachePurges } from '@/db/mutations/cache-purges'
import { cachePurges } from '@/db/schema'
import { type PurgeTarget, PurgeSender } from './purge-sender'

const writer = writerConnection()

beforeAll(async () => {
  await migrateDatabase(db)
})
beforeEach(async () => {
  await writer.update(cachePurges).set({ sentAt: new Date(0) })
})

/** A cache that records what it was sent, and refuses while `down`. */
function recorder(name: string) {
  const received: string[] = []
  const target: PurgeTarget & { received: string[]; down: boolean; requests: number } = {
    name,
    received,
    down: false,
    requests: 0,
    async send(tags) {
      target.requests++
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5))
      if (target.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6081')
      received.push(...tags)
    },
  }
  return target
}

async function write(tags: string[]) {
  return (
    await writer
      .insert(cachePurges)
      .values(tags.map((tag) => ({ tag })))
      .returning({ id: cachePurges.id })
  ).map((r) => r.id)
}

const rowsOf = (ids: number[]) => writer.select().from(cachePurges).where(inArray(cachePurges.id, ids))

describe('purges sent to a shared cache', () => {
  it('sends each purge once, however many servers race to send it', async () => {
    const tags = Array.from({ length: 120 }, (_, i) => `article:${1000 + i}`)
    const caches = [recorder('http://a/'), recorder('http://b/')]
    // Two servers: in this process their claims take turns on SQLite, and run at once over
    // PostgreSQL's pool, where serializable transactions decide between them.
    const servers = ['host-1/1', 'host-2/1'].map((owner) => new PurgeSender(caches, { owner, batch: 25 }))
    const ids: number[] = []
    await Promise.all([
      (async () => {
        for (let i = 0; i < tags.length; i += 30) ids.push(...(await write(tags.slice(i, i + 30))))
      })(),
      ...servers.flatMap((server) => [server.kick(), server.kick(), server.tick()]),
    ])
    await Promise.all(servers.flatMap((server) => [server.kick(), server.kick()]))
    for (const cache of caches) expect(cache.received.toSorted()).toEqual(tags.toSorted())
    expect((await rowsOf(ids)).every((row) => row.sentAt !== null)).toBe(true)
  })

  it('keeps what a cache that is away did not get, for it alone, and sends it once it is back', async () => {
    const up = recorder('http://up/')
    const down = recorder('http://down/')
    down.down = true
    const server = new PurgeSender([up, down], { owner: 'host-1/1' })
    const ids = await write(['list', 'article:7', 'list'])
    await server.kick()
    expect(up.received).toEqual(['list', 'article:7'])
    const kept = await rowsOf(ids)
    expect(kept.map((row) => [row.sentAt, row.owedTo, row.attempts])).toEqual(ids.map(() => [null, 'http://down/', 1]))
    // Claimed until its retry: asking again at once sends nothing, to anyone.
    const requests = down.requests
    await server.kick()
    await server.tick()
    expect(down.requests).toBe(requests)

    down.down = false
    await new Promise((resolve) => setTimeout(resolve, 1400))
    await server.kick()
    expect(down.received).toEqual(['list', 'article:7'])
    expect(up.received).toEqual(['list', 'article:7'])
    expect((await rowsOf(ids)).every((row) => row.sentAt !== null && row.owedTo === null)).toBe(true)
    await server.stop()
  })

  it('batches many tags in few requests, each header within its bound', async () => {
    const cache = recorder('http://a/')
    const sent: string[][] = []
    const server = new PurgeSender([{ ...cache, send: async (tags) => void sent.push(tags) }], {
      owner: 'host-1/1',
      headerBytes: 100,
    })
    await write(Array.from({ length: 40 }, (_, i) => `comments:${i}`))
    await server.kick()
    expect(sent.flat()).toHaveLength(40)
    expect(sent.length).toBeLessThan(10)
    for (const tags of sent) expect(tags.join(' ').length).toBeLessThanOrEqual(100)
  })

  it('prunes a purge no cache has had only once no cache can hold what it drops', async () => {
    const [sent, unsent] = await write(['sent', 'unsent'])
    await writer
      .update(cachePurges)
      .set({ sentAt: new Date() })
      .where(inArray(cachePurges.id, [sent!]))
    const later = new Date(Date.now() + 60_000)
    await pruneCachePurges(later, new Date(0))
    expect((await rowsOf([sent!, unsent!])).map((row) => row.tag)).toEqual(['unsent'])
    await pruneCachePurges(later, later)
    expect(await rowsOf([unsent!])).toEqual([])
  })
})
