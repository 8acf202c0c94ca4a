import { escapeHtml } from './html'
import { asPageText, pageBytes, pageText } from './page-text'
import { constants, inflateRawSync } from 'node:zlib'
import { deflatedPart, type GzipPart, gzipOf, storedPart } from './spliced-gzip'

/**
 * The places where a page differs for a signed-in reader. The shared page is rendered once, as an
 * anonymous reader sees it, with each such place marked:
 *
 *   <gazette-slot data-slot="save:12"><template data-variant="saved">…</template>…</gazette-slot>
 *
 * The content after the templates is what anonymous readers get; each template is the same place
 * as a signed-in reader may need it, with `readerNameToken` where their name goes. The front server
 * cuts the page at the marks before anyone gets it (`splitSlots`) and fills them per reader. Nothing
 * a reader or an editor writes can produce a mark: React escapes text, and the article body's
 * sanitizer allows neither element.
 *
 * A variant that differs between slots only by a few values (the Saved button of each story: its
 * id, title and address) is rendered once per page instead, with `fillToken`s for the values, and
 * each slot carries its values as attributes:
 *
 *   <template data-pattern="saved">…__gazette_fill_title__…</template>
 *   <gazette-slot data-slot="save:12" data-pattern="saved" data-fill-title="…">…</gazette-slot>
 *
 * Rendering the Saved button beside every Save button was a quarter of a front page's elements and
 * of its render time.
 */
export const readerNameToken = '__gazette_reader_name__'

/**
 * Where a slot's value `name` goes in a pattern. Names are lower-case letters, as `splitSlots`
 * reads them; any other would be left in the page unfilled, so it is refused where it is written.
 */
export function fillToken(name: string) {
  if (!/^[a-z]+$/.test(name)) throw new Error(`A fill name is lower-case letters only: ${name}`)
  return `__gazette_fill_${name}__`
}
const fillTokens = /__gazette_fill_([a-z]+)__/g

/**
 * Set by the front server on the renders it will cut (anonymous reader pages, and a signed-in
 * reader's render of the shared page); any other page renders without marks. A mark left in a page
 * that Next hydrates would not match (a `<template>`'s children are not its DOM children), and
 * React would render the whole page again in the browser, losing what a reader had typed.
 */
export const slotsHeader = 'x-gazette-reader-slots'

const slotOpen = '<gazette-slot data-slot="'
const slotClose = '</gazette-slot>'
const variantOpen = '<template data-variant="'
const variantClose = '</template>'
const patternOpen = '<template data-pattern="'

/** A marked place: its name (`account`, `comment`, `save:<article id>`) and its versions. */
export type Slot = { slot: string; anonymous: string; variants: Record<string, string> }

/** The page's patterns by name, and the page without them. */
function takePatterns(page: string) {
  const patterns = new Map<string, string>()
  let rest = ''
  let at = 0
  for (let open = page.indexOf(patternOpen); open !== -1; open = page.indexOf(patternOpen, at)) {
    const nameEnd = page.indexOf('">', open)
    const close = page.indexOf(variantClose, nameEnd)
    if (nameEnd === -1 || close === -1) break
    patterns.set(page.slice(open + patternOpen.length, nameEnd), page.slice(nameEnd + 2, close))
    rest += page.slice(at, open)
    at = close + variantClose.length
  }
  return { patterns, page: at === 0 ? page : rest + page.slice(at) }
}

/** A pattern with a slot's values in: one pass, so a value is never read for tokens itself. */
function filled(pattern: string, tag: string) {
  const values = new Map<string, string>()
  // React escaped the values as attributes; every token of a pattern stands in an attribute too.
  for (const [, name, value] of tag.matchAll(/\sdata-fill-([a-z]+)="([^"]*)"/g)) values.set(name!, value!)
  return pattern.replace(fillTokens, (token, name: string) => values.get(name) ?? token)
}

/**
 * The page cut at its marks: text and slots in order; `html` is the page anonymous readers get.
 * Pages here, in and out, are page text (lib/page-text.ts).
 */
export function splitSlots(marked: string): { html: string; parts: (string | Slot)[] } {
  const { patterns, page } = takePatterns(marked)
  const parts: (string | Slot)[] = []
  let html = ''
  let at = 0
  for (let open = page.indexOf(slotOpen); open !== -1; open = page.indexOf(slotOpen, at)) {
    const nameEnd = page.indexOf('"', open + slotOpen.length)
    const tagEnd = page.indexOf('>', nameEnd)
    const close = page.indexOf(slotClose, tagEnd)
    // A mark cut short is left as it is, never guessed at.
    if (nameEnd === -1 || tagEnd === -1 || close === -1) break
    const slot: Slot = { slot: page.slice(open + slotOpen.length, nameEnd), anonymous: '', variants: {} }
    const tag = page.slice(nameEnd + 1, tagEnd)
    let inner = tagEnd + 1
    while (page.startsWith(variantOpen, inner)) {
      const variantEnd = page.indexOf('">', inner)
      const end = page.indexOf(variantClose, variantEnd)
      slot.variants[page.slice(inner + variantOpen.length, variantEnd)] = page.slice(variantEnd + 2, end)
      inner = end + variantClose.length
    }
    const pattern = /\sdata-pattern="([^"]*)"/.exec(tag)?.[1]
    if (pattern !== undefined && patterns.has(pattern)) slot.variants[pattern] = filled(patterns.get(pattern)!, tag)
    slot.anonymous = page.slice(inner, close)
    parts.push(page.slice(at, open), slot)
    html += page.slice(at, open) + slot.anonymous
    at = close + slotClose.length
  }
  parts.push(page.slice(at))
  return { html: html + page.slice(at), parts }
}

/** A signed-in reader, as a shared page needs them: their name and the articles they saved. */
export type Visitor = { id: number; name: string; saved: Set<number> }

type SaveSlot = { id: number; run: number; at: number; length: number }

/** A place a reader's name goes: what anonymous readers get there, and the text around the name. */
type NamePlace = { anonymous: GzipPart; before: GzipPart; after: GzipPart }

/**
 * A cached page cut at its reader slots, compressed once (lib/spliced-gzip.ts). The page is kept in
 * a few long runs cut only where a reader's name goes: with the anonymous content put back there,
 * they are the page anonymous readers get (the cache's gzip copy, so the page is not compressed
 * twice); with the name, the page as most signed-in readers get it, none of its stories saved. A
 * reader who saved stories on it gets the runs with those Save buttons turned to Saved, compressed
 * again when that set of stories is first asked for, and kept: a reader has saved one or a few of a
 * page's stories, and readers who saved the same ones share the copy. Past `savedCopies` sets, a
 * page falls back to the runs cut at every Save button, made once: parts compressed apart compress
 * worse (a front page comes to 52 KB where it gzips whole to 12 KB), but any set splices from them.
 */
export type PersonalParts = {
  runs: GzipPart[]
  /** One between each two runs. */
  names: NamePlace[]
  /** Where each Save button's anonymous content lies in the runs' text. */
  saves: SaveSlot[]
  /** The Saved variants, one after the other, compressed together. */
  savedVariants: GzipPart
  savedLengths: number[]
  /** The runs for a set of saved stories, keyed by their indexes in `saves`. */
  savedRuns?: Map<string, GzipPart[]>
  fine?: GzipPart[][]
}

// Each copy costs about the page's gzip again; past this, a page serves any set from the fine pieces.
const savedCopies = 8

const savedId = (slot: string) => Number(slot.slice('save:'.length))

const inflated = (part: GzipPart) => pageText(inflateRawSync(part.deflated, { finishFlush: constants.Z_SYNC_FLUSH }))
const deflated = (text: string) => deflatedPart(pageBytes(text))

/** Compresses the page's long runs once, when it is stored. */
export function prepareParts(parts: (string | Slot)[]): PersonalParts {
  const runs: GzipPart[] = []
  const names: NamePlace[] = []
  const saves: SaveSlot[] = []
  const saved: string[] = []
  let run = ''
  for (const part of parts) {
    if (typeof part === 'string') run += part
    else if (part.variants.reader?.includes(readerNameToken)) {
      const [before, after] = part.variants.reader.split(readerNameToken)
      runs.push(deflated(run))
      names.push({
        anonymous: deflated(part.anonymous),
        before: deflated(before!),
        after: deflated(after!),
      })
      run = ''
    } else {
      if (part.variants.saved !== undefined) {
        saves.push({ id: savedId(part.slot), run: runs.length, at: run.length, length: part.anonymous.length })
        saved.push(part.variants.saved)
      }
      run += part.anonymous
    }
  }
  runs.push(deflated(run))
  return {
    runs,
    names,
    saves,
    savedVariants: deflated(saved.join('')),
    savedLengths: saved.map((v) => v.length),
  }
}

export function partsBytes(parts: PersonalParts) {
  let bytes = parts.savedVariants.deflated.length
  for (const run of parts.runs) bytes += run.deflated.length
  for (const name of parts.names)
    bytes += name.anonymous.deflated.length + name.before.deflated.length + name.after.deflated.length
  return bytes
}

/** The page as anonymous readers get it, gzipped from the same runs. */
export function anonymousGzip(parts: PersonalParts) {
  return gzipOf(parts.runs.flatMap((run, k) => (k < parts.names.length ? [run, parts.names[k]!.anonymous] : [run])))
}

function savedVariantsOf(parts: PersonalParts) {
  const variants = inflated(parts.savedVariants)
  let offset = 0
  return parts.savedLengths.map((length) => variants.slice(offset, (offset += length)))
}

/**
 * The runs cut at every Save button: for each run, its pieces in order, where piece 2k+1 is the
 * k-th Save button of the run, anonymous, and `saved` holds its Saved variant.
 */
function finePieces(parts: PersonalParts) {
  if (parts.fine) return parts.fine
  const savedOf = savedVariantsOf(parts)
  parts.fine = parts.runs.map((run, index) => {
    const text = inflated(run)
    const pieces: GzipPart[] = []
    let at = 0
    parts.saves.forEach((save, k) => {
      if (save.run !== index) return
      pieces.push(deflated(text.slice(at, save.at)), deflated(text.slice(save.at, save.at + save.length)))
      pieces.push(deflated(savedOf[k]!))
      at = save.at + save.length
    })
    pieces.push(deflated(text.slice(at)))
    return pieces
  })
  return parts.fine
}

/** The runs with the Save buttons at `indexes` (into `saves`, in order) turned to Saved. */
function savedRuns(parts: PersonalParts, indexes: number[]) {
  const key = indexes.join(',')
  const known = parts.savedRuns?.get(key)
  if (known || (parts.savedRuns?.size ?? 0) >= savedCopies) return known
  const savedOf = savedVariantsOf(parts)
  const runs = parts.runs.map((run, index) => {
    const here = indexes.filter((k) => parts.saves[k]!.run === index)
    if (!here.length) return run
    const text = inflated(run)
    let out = ''
    let at = 0
    for (const k of here) {
      const save = parts.saves[k]!
      out += text.slice(at, save.at) + savedOf[k]
      at = save.at + save.length
    }
    return deflated(out + text.slice(at))
  })
  ;(parts.savedRuns ??= new Map()).set(key, runs)
  return runs
}

/** The page as this reader sees it: parts compressed beforehand, in order, to splice into one gzip. */
export function personalParts(parts: PersonalParts, visitor: Visitor) {
  const name = storedPart(escapeHtml(visitor.name))
  const out: GzipPart[] = []
  const nameAfter = (index: number) => {
    const place = parts.names[index]
    if (place) out.push(place.before, name, place.after)
  }
  const saved: number[] = []
  parts.saves.forEach((save, k) => {
    if (visitor.saved.has(save.id)) saved.push(k)
  })
  const runs = saved.length ? savedRuns(parts, saved) : parts.runs
  if (runs) {
    runs.forEach((run, index) => {
      out.push(run)
      nameAfter(index)
    })
    return out
  }
  const fine = finePieces(parts)
  let k = 0
  fine.forEach((pieces, index) => {
    // Pieces come as static, then (anonymous, saved) per Save button, then static.
    out.push(pieces[0]!)
    for (let i = 1; i + 2 < pieces.length; i += 3) {
      out.push(visitor.saved.has(parts.saves[k++]!.id) ? pieces[i + 1]! : pieces[i]!, pieces[i + 2]!)
    }
    nameAfter(index)
  })
  return out
}

/** The same page from its uncompressed parts: for the reader whose visit rendered it. */
export function personalHtml(parts: (string | Slot)[], visitor: Visitor) {
  let html = ''
  for (const part of parts) {
    if (typeof part === 'string') html += part
    else if (part.variants.reader !== undefined)
      html += part.variants.reader.split(readerNameToken).join(asPageText(escapeHtml(visitor.name)))
    else if (part.variants.saved !== undefined && visitor.saved.has(savedId(part.slot))) html += part.variants.saved
    else html += part.anonymous
  }
  return html
}
