import { crc32, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { deflatedPart, gzipOf, gzipPieces, storedPart } from './spliced-gzip'

const page = Array.from({ length: 3000 }, (_, i) => `<li><a href="/story/${i}/">Story ${i} — Ünïcode</a></li>`).join('')

describe('a gzip body spliced from parts', () => {
  it('inflates to the parts in order, any mix of precompressed, stored and empty parts', () => {
    const [a, b, c] = [page.slice(0, 40_000), 'Rhea <Reader> 🗞', page.slice(40_000)]
    const body = gzipOf([deflatedPart(a), storedPart(b), storedPart(''), deflatedPart(''), deflatedPart(c)])
    expect(gunzipSync(body).toString()).toBe(a + b + c)
  })

  it('keeps a small part in a buffer of its own size, not in the 16 KB chunk zlib wrote it to', () => {
    const part = deflatedPart('<p>Saved</p>')
    expect(part.deflated.length).toBeLessThan(100)
    expect(part.deflated.buffer.byteLength).toBe(part.deflated.length)
  })

  it('carries the CRC and length of the whole, which gunzip checks', () => {
    const body = gzipOf([deflatedPart('abc'), storedPart('def')])
    expect(body.readUInt32LE(body.length - 8)).toBe(crc32('abcdef'))
    expect(body.readUInt32LE(body.length - 4)).toBe(6)
    const corrupted = Buffer.from(body)
    corrupted.writeUInt32LE(crc32('abcdeg'), body.length - 8)
    expect(() => gunzipSync(corrupted)).toThrow()
  })

  it('splits a stored part longer than a deflate block can hold', () => {
    const long = 'x'.repeat(200_000)
    expect(gunzipSync(gzipOf([storedPart(long), deflatedPart('end')])).toString()).toBe(`${long}end`)
  })

  it('is sent as the parts themselves between a header and a trailer, the same bytes', () => {
    const parts = [deflatedPart(page.slice(0, 9_000)), storedPart('Rhea'), deflatedPart(page.slice(9_000))]
    const { pieces, size } = gzipPieces(parts)
    expect(pieces.slice(1, -1)).toEqual(parts.map((part) => part.deflated))
    expect(pieces[1]).toBe(parts[0]!.deflated)
    expect(Buffer.concat(pieces)).toEqual(gzipOf(parts))
    expect(size).toBe(gzipOf(parts).length)
  })

  it('is an empty body for no parts', () => {
    expect(gunzipSync(gzipOf([])).length).toBe(0)
  })
})
