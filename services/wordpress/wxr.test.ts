import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readWxr, type WxrEvent, WxrError } from './wxr'

const fixture = path.join(import.meta.dirname, 'fixtures', 'newsroom.wordpress.xml')

async function all(source: string | Buffer, chunkSize = 7) {
  const buf = Buffer.from(source)
  // Small chunks split tags, CDATA sections and multi-byte characters across writes.
  const chunks = Array.from({ length: Math.ceil(buf.length / chunkSize) }, (_, i) =>
    buf.subarray(i * chunkSize, (i + 1) * chunkSize),
  )
  const events: WxrEvent[] = []
  for await (const e of readWxr(Readable.from(chunks))) events.push(e)
  return events
}

describe('readWxr', () => {
  it('yields the site, then authors, terms and items, one at a time', async () => {
    const events = await all(fs.readFileSync(fixture))
    expect(events[0]).toMatchObject({ kind: 'site', site: { title: 'Riverside Herald', wxrVersion: '1.2' } })
    const kinds = events.map((e) => e.kind)
    expect(kinds.filter((k) => k === 'author')).toHaveLength(2)
    expect(kinds.filter((k) => k === 'term')).toHaveLength(6)
    expect(kinds.filter((k) => k === 'item')).toHaveLength(16)
    const post = events.find((e) => e.kind === 'item' && e.item.id === 101)
    if (post?.kind !== 'item') throw new Error('post 101 missing')
    expect(post.item.title).toBe('New bridge <em>opens</em> to traffic')
    expect(post.item.isSticky).toBe(true)
    expect(post.item.comments).toHaveLength(5)
    expect(post.item.meta.get('_thumbnail_id')).toEqual(['201'])
    expect(post.item.terms).toContainEqual({ domain: 'post_tag', slug: 'bridges', name: 'Bridges' })
    const tag = events.find((e) => e.kind === 'term' && e.term.id === 41)
    expect(tag).toMatchObject({ term: { name: 'γέφυρα', taxonomy: 'post_tag' } })
  })

  it('refuses a DOCTYPE before expanding any entity', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>&lol3;</title></item></channel></rss>`
    await expect(all(bomb)).rejects.toThrow(/DOCTYPE/)
    await expect(all(bomb)).rejects.toBeInstanceOf(WxrError)
  })

  it('reports malformed XML as a WxrError naming the problem', async () => {
    const broken = `<rss><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>Ok</title></item><item><title>Cut`
    await expect(all(broken)).rejects.toThrow(/not well-formed/)
    await expect(all('<html><body>hello</body></html>')).rejects.toThrow(/not a WordPress export/)
  })

  it('yields the items before a fault, so they can be applied', async () => {
    const broken = `<rss><channel><wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>1</wp:post_id></item><item><title>x</titel></item></channel></rss>`
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const e of readWxr(Readable.from([broken.slice(0, 90), broken.slice(90)])))
          if (e.kind === 'item') seen.push(e.item.id)
      })(),
    ).rejects.toThrow(WxrError)
    expect(seen).toEqual([1])
  })
})
