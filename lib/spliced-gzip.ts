import { constants, crc32, deflateRawSync } from 'node:zlib'

/**
 * A gzip body put together from parts compressed beforehand, the way Varnish serves edge-side
 * includes under gzip: each part is a raw deflate stream ended by a sync flush (byte-aligned, not
 * final), so parts concatenate into one valid stream, and the CRC of the whole is combined from the
 * parts' CRCs. A page assembled per reader then costs no compression, where gzipping a 120 KB front
 * page costs about 0.8 ms of CPU. No library does this; zlib's own crc32_combine is not exposed by
 * Node, so it is ported below.
 */
export type GzipPart = { deflated: Buffer; crc: number; length: number; shift: number }

const poly = 0xedb88320

/** a(x) * b(x) modulo the CRC-32 polynomial (zlib's multmodp). */
function multiplyModP(a: number, b: number) {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if (a & m) {
      p = (p ^ b) >>> 0
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? ((b >>> 1) ^ poly) >>> 0 : b >>> 1
  }
  return p >>> 0
}

// x^(2^k) modulo the polynomial, for k = 0..31 (zlib's x2n_table).
const x2n: number[] = [0x40000000]
for (let k = 1; k < 32; k++) x2n.push(multiplyModP(x2n[k - 1]!, x2n[k - 1]!))

/** x^(8 * bytes) modulo the polynomial: what moves a CRC past `bytes` bytes of zeros. */
function shiftFor(bytes: number) {
  let p = 0x80000000
  for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multiplyModP(x2n[k & 31]!, p)
  return p
}

/**
 * The bytes in a buffer of their own size. zlib's synchronous calls return a view of their 16 KB
 * output chunk: a 20-byte part kept in the page cache would keep the whole chunk with it, and the
 * cache would hold several times the bytes it counts.
 */
export function ownSize(buffer: Buffer) {
  if (buffer.byteLength === buffer.buffer.byteLength) return buffer
  const own = Buffer.allocUnsafeSlow(buffer.byteLength)
  buffer.copy(own)
  return own
}

/** A part compressed once (level 6), to be spliced into many bodies. */
export function deflatedPart(text: Buffer | string): GzipPart {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  return {
    deflated: ownSize(deflateRawSync(bytes, { level: 6, finishFlush: constants.Z_SYNC_FLUSH })),
    crc: crc32(bytes),
    length: bytes.length,
    shift: shiftFor(bytes.length),
  }
}

/** A part sent as is (a reader's name): deflate stored blocks, built without calling zlib. */
export function storedPart(text: string): GzipPart {
  const bytes = Buffer.from(text)
  const blocks: Buffer[] = []
  for (let at = 0; at < bytes.length || at === 0; at += 0xffff) {
    const chunk = bytes.subarray(at, at + 0xffff)
    const head = Buffer.alloc(5)
    head.writeUInt16LE(chunk.length, 1)
    head.writeUInt16LE(~chunk.length & 0xffff, 3)
    blocks.push(head, chunk)
    if (bytes.length === 0) break
  }
  return { deflated: Buffer.concat(blocks), crc: crc32(bytes), length: bytes.length, shift: shiftFor(bytes.length) }
}

const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
// An empty final block (fixed Huffman, end-of-block code only) closes the stream.
const lastBlock = Buffer.from([0x03, 0x00])

/**
 * The gzip body of the parts, in order, as the buffers to send one after the other: the parts' own
 * buffers between a header and a trailer, nothing copied.
 */
export function gzipPieces(parts: GzipPart[]) {
  let crc = 0
  let length = 0
  let size = header.length
  const pieces: Buffer[] = [header]
  for (const part of parts) {
    crc = (multiplyModP(part.shift, crc) ^ part.crc) >>> 0
    length += part.length
    size += part.deflated.length
    pieces.push(part.deflated)
  }
  const trailer = Buffer.allocUnsafe(lastBlock.length + 8)
  trailer.set(lastBlock, 0)
  trailer.writeUInt32LE(crc, lastBlock.length)
  trailer.writeUInt32LE(length % 2 ** 32, lastBlock.length + 4)
  pieces.push(trailer)
  return { pieces, size: size + trailer.length }
}

/** The gzip body of the parts, in one buffer. */
export function gzipOf(parts: GzipPart[]) {
  const { pieces, size } = gzipPieces(parts)
  // Copied with TypedArray#set: Buffer.concat's per-part bookkeeping costs more than the copying.
  const body = Buffer.allocUnsafe(size)
  let at = 0
  for (const piece of pieces) {
    body.set(piece, at)
    at += piece.length
  }
  return body
}
