import { escapeHtml } from './html'
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
 */
export const readerNameToken = '__gazette_reader_name__'

const slotOpen = '<gazette-slot data-slot="'
const slotClose = '</gazette-slot>'
const variantOpen = '<template data-variant="'
const variantClose = '</template>'

/** A marked place: its name (`account`, `comment`, `save:<article id>`) and its versions. */
export type Slot = { slot: string; anonymous: string; variants: Record<string, string> }

/** The page cut at its marks: text and slots in order; `html` is the page anonymous readers get. */
export function splitSlots(page: string): { html: string; parts: (string | Slot)[] } {
  const parts: (string | Slot)[] = []
  let html = ''
  let at = 0
  for (let open = page.indexOf(slotOpen); open !== -1; open = page.indexOf(slotOpen, at)) {
    const nameEnd = page.indexOf('">', open)
    const close = page.indexOf(slotClose, nameEnd)
    // A mark cut short is left as it is, never guessed at.
    if (nameEnd === -1 || close === -1) break
    const slot: Slot = { slot: page.slice(open + slotOpen.length, nameEnd), anonymous: '', variants: {} }
    let inner = nameEnd + 2
    while (page.startsWith(variantOpen, inner)) {
      const variantEnd = page.indexOf('">', inner)
      const end = page.indexOf(variantClose, variantEnd)
      slot.variants[page.slice(inner + variantOpen.length, variantEnd)] = page.slice(variantEnd + 2, end)
      inner = end + variantClose.length
    }
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

type Prepared = { slot: string; anonymous: GzipPart; saved?: GzipPart; reader?: [GzipPart, GzipPart] }

/**
 * A cached page cut at its reader slots, compressed once (lib/spliced-gzip.ts). Parts compressed
 * apart compress worse (a front page with a Save button on every card comes to 52 KB where the
 * whole page gzips to 12 KB), so the page as most readers get it, none of its stories saved, is
 * also kept in a few long runs, cut only where the reader's name goes (`null`).
 */
export type PersonalParts = { fine: (GzipPart | Prepared)[]; saveIds: number[]; nothingSaved: (GzipPart | null)[] }

const savedId = (slot: string) => Number(slot.slice('save:'.length))

/** Compresses the parts of a page once, when it is stored. */
export function prepareParts(parts: (string | Slot)[]): PersonalParts {
  const nothingSaved: (GzipPart | null)[] = []
  let run = ''
  const fine = parts.map((part) => {
    if (typeof part === 'string') {
      run += part
      return deflatedPart(part)
    }
    const prepared: Prepared = { slot: part.slot, anonymous: deflatedPart(part.anonymous) }
    if (part.variants.saved !== undefined) prepared.saved = deflatedPart(part.variants.saved)
    const reader = part.variants.reader?.split(readerNameToken)
    if (reader?.length === 2) {
      prepared.reader = [deflatedPart(reader[0]!), deflatedPart(reader[1]!)]
      nothingSaved.push(deflatedPart(run + reader[0]!), null)
      run = reader[1]!
    } else run += part.anonymous
    return prepared
  })
  nothingSaved.push(deflatedPart(run))
  const saveIds = fine.flatMap((p) => ('saved' in p && p.saved ? [savedId(p.slot)] : []))
  return { fine, saveIds, nothingSaved }
}

export function partsBytes(parts: PersonalParts) {
  let bytes = 0
  for (const part of parts.nothingSaved) if (part) bytes += part.deflated.length
  for (const part of parts.fine)
    if ('deflated' in part) bytes += part.deflated.length
    else for (const p of [part.anonymous, part.saved, ...(part.reader ?? [])]) if (p) bytes += p.deflated.length
  return bytes
}

/** The page as this reader sees it, gzipped, from parts compressed beforehand. */
export function personalGzip(parts: PersonalParts, visitor: Visitor) {
  const name = storedPart(escapeHtml(visitor.name))
  if (!parts.saveIds.some((id) => visitor.saved.has(id))) return gzipOf(parts.nothingSaved.map((p) => p ?? name))
  const out: GzipPart[] = []
  for (const part of parts.fine) {
    if ('deflated' in part) out.push(part)
    else if (part.reader) out.push(part.reader[0], name, part.reader[1])
    else if (part.saved && visitor.saved.has(savedId(part.slot))) out.push(part.saved)
    else out.push(part.anonymous)
  }
  return gzipOf(out)
}

/** The same page from its uncompressed parts: for the reader whose visit rendered it. */
export function personalHtml(parts: (string | Slot)[], visitor: Visitor) {
  let html = ''
  for (const part of parts) {
    if (typeof part === 'string') html += part
    else if (part.variants.reader !== undefined)
      html += part.variants.reader.split(readerNameToken).join(escapeHtml(visitor.name))
    else if (part.variants.saved !== undefined && visitor.saved.has(savedId(part.slot))) html += part.variants.saved
    else html += part.anonymous
  }
  return html
}
