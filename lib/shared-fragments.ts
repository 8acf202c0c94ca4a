/**
 * The parts every reader page shares (the header with the breaking strip, the footer, the sidebar),
 * rendered once per content version instead of once per page. They were 41 % of an article page's
 * elements and a third of the CPU of a cache miss; Next caches rendered components only with Cache
 * Components on, a different rendering model for every route, so the front server does it, as
 * edge-side includes do:
 *
 * - On a render it will cut (the same renders as `slotsHeader`), the front server sends
 *   `fragmentsHeader` with the names of the fragments it holds for the current content version.
 * - The page renders each of those as `<gazette-include data-name="…"></gazette-include>` and each
 *   other one in full, between `<gazette-fragment data-name="…">` and `</gazette-fragment>`.
 * - The front server takes the marked ones out to keep (`takeFragments`), and puts the held ones in
 *   (`putFragments`), so every reader gets the bytes of a page rendered in full.
 *
 * Nothing a reader or an editor writes can produce either element: React escapes text, and the
 * article body's sanitizer allows neither.
 */
export const fragmentsHeader = 'x-gazette-fragments'

export const fragmentNames = ['header', 'footer', 'sidebar'] as const
export type FragmentName = (typeof fragmentNames)[number]

const isFragmentName = (name: string): name is FragmentName => (fragmentNames as readonly string[]).includes(name)

const fragmentOpen = '<gazette-fragment data-name="'
const fragmentClose = '</gazette-fragment>'
const includeOpen = '<gazette-include data-name="'
const includeClose = '"></gazette-include>'

/** The header's value for the fragments held: never empty, so a render can tell it was asked. */
export function fragmentsHeaderValue(held: Iterable<FragmentName>) {
  return ['-', ...held].join(',')
}

/** The fragments the front server holds, from its header; undefined when it asked for none. */
export function heldFragments(value: string | null | undefined): Set<FragmentName> | undefined {
  if (!value) return undefined
  return new Set(value.split(',').filter(isFragmentName))
}

/** The page (page text, lib/page-text.ts) with its marked fragments unwrapped, and those fragments by name. */
export function takeFragments(page: string) {
  const fragments = new Map<FragmentName, string>()
  let rest = ''
  let at = 0
  for (;;) {
    const open = page.indexOf(fragmentOpen, at)
    if (open < 0) break
    const nameEnd = page.indexOf('">', open + fragmentOpen.length)
    const close = page.indexOf(fragmentClose, nameEnd)
    if (nameEnd < 0 || close < 0) break
    const name = page.slice(open + fragmentOpen.length, nameEnd)
    const content = page.slice(nameEnd + 2, close)
    if (isFragmentName(name)) fragments.set(name, content)
    rest += page.slice(at, open) + content
    at = close + fragmentClose.length
  }
  return { html: at === 0 ? page : rest + page.slice(at), fragments }
}

/**
 * The page with each include replaced by its fragment. An include with no fragment held would
 * leave a hole in a reader's page, so it is an error: the front server announced only what it held.
 */
export function putFragments(page: string, held: ReadonlyMap<FragmentName, string>) {
  let out = ''
  let at = 0
  for (;;) {
    const open = page.indexOf(includeOpen, at)
    if (open < 0) break
    const nameEnd = page.indexOf(includeClose, open + includeOpen.length)
    if (nameEnd < 0) break
    const name = page.slice(open + includeOpen.length, nameEnd)
    const fragment = isFragmentName(name) ? held.get(name) : undefined
    if (fragment === undefined) throw new Error(`A page asks for the fragment "${name}", which is not held`)
    out += page.slice(at, open) + fragment
    at = nameEnd + includeClose.length
  }
  return at === 0 ? page : out + page.slice(at)
}

/** Where a held fragment goes in a page, as the page renders it. */
export function includeMarkup(name: FragmentName) {
  return `${includeOpen}${name}${includeClose}`
}
