import type { Segment } from './segment'

const stopWords = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just me more ' +
    'most my myself no nor not now of off on once only or other our ours out over own same she should so ' +
    'some such than that the their theirs them themselves then there these they this those through to too ' +
    'under until up very was we were what when where which while who whom why will with would you your ' +
    'yours said says say told according one two new year years last first time people also could mr mrs ms'
  ).split(' '),
)

/** Lower-case content words with the commonest English suffixes cut, enough to match "vote"/"voted". */
export function contentTerms(text: string) {
  const out: string[] = []
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu)) {
    let w = m[0].replace(/['’]s$/, '')
    if (w.length < 2 || stopWords.has(w)) continue
    if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`
    else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3)
    else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2)
    else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1)
    out.push(w)
  }
  return out
}

export const featureNames = [
  'bias',
  'first',
  'second',
  'third',
  'fourth',
  'inversePosition',
  'relativePosition',
  'paragraphStart',
  'words',
  'wordsSquared',
  'centrality',
  'forward',
  'backward',
  'title',
  'number',
  'quote',
  'attribution',
  'pronounStart',
  'connectiveStart',
  'capitalised',
] as const

export type Candidate = {
  segment: Segment
  /** Position among the text's sentences (captions, bylines and boilerplate not counted). */
  position: number
  words: number
  terms: string[]
  termSet: Set<string>
  features: number[]
}

const pronounStart = /^["“‘']?(?:he|she|it|they|his|her|their|its|this|that|these|those|we|i)\b/i
const connectiveStart =
  /^["“‘']?(?:but|and|or|so|yet|however|also|still|meanwhile|instead|then|later|here|there|now|although|though)\b/i

function cosine(a: Map<string, number>, b: Map<string, number>, normA: number, normB: number) {
  if (!normA || !normB) return 0
  let dot = 0
  const [small, large] = a.size < b.size ? [a, b] : [b, a]
  for (const [t, w] of small) {
    const v = large.get(t)
    if (v) dot += w * v
  }
  return dot / (normA * normB)
}

/** The sentences of a segmented text with the features the selection model scores. */
export function candidates(segments: Segment[], title?: string, withCaptions = false): Candidate[] {
  const sentences = withCaptions ? segments : segments.filter((s) => s.kind === 'sentence')
  const n = sentences.length
  const termLists = sentences.map((s) => contentTerms(s.text))
  const documentFrequency = new Map<string, number>()
  for (const terms of termLists)
    for (const t of new Set(terms)) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1)
  const idf = (t: string) => Math.log((n + 1) / (documentFrequency.get(t) ?? 1))
  const vectors = termLists.map((terms) => {
    const v = new Map<string, number>()
    for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1)
    for (const [t, c] of v) v.set(t, c * idf(t))
    return v
  })
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)))
  const whole = new Map<string, number>()
  for (const v of vectors) for (const [t, w] of v) whole.set(t, (whole.get(t) ?? 0) + w)
  const wholeNorm = Math.sqrt([...whole.values()].reduce((s, x) => s + x * x, 0))
  // Position-aware centrality (PacSum): how much a sentence shares with what follows it, apart from
  // how much it shares with what came before.
  const forward = new Array<number>(n).fill(0)
  const backward = new Array<number>(n).fill(0)
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const sim = cosine(vectors[i]!, vectors[j]!, norms[i]!, norms[j]!)
      forward[i]! += sim
      backward[j]! += sim
    }
  const titleTerms = new Set(title ? contentTerms(title) : [])
  return sentences.map((segment, position) => {
    const terms = termLists[position]!
    const termSet = new Set(terms)
    const words = segment.text.split(/\s+/).length
    let titleShared = 0
    for (const t of titleTerms) if (termSet.has(t)) titleShared++
    const tokens = segment.text.split(/\s+/).slice(1)
    const capitalised = tokens.length ? tokens.filter((w) => /^["“‘(]?\p{Lu}/u.test(w)).length / tokens.length : 0
    const previous = sentences[position - 1]
    const features = [
      1,
      position === 0 ? 1 : 0,
      position === 1 ? 1 : 0,
      position === 2 ? 1 : 0,
      position === 3 ? 1 : 0,
      1 / (1 + position),
      n > 1 ? position / (n - 1) : 0,
      position > 0 && previous && previous.paragraph !== segment.paragraph ? 1 : 0,
      words / 30,
      (words / 30) ** 2,
      cosine(vectors[position]!, whole, norms[position]!, wholeNorm),
      n > 1 ? forward[position]! / Math.max(n - 1 - position, 1) : 0,
      n > 1 ? backward[position]! / Math.max(position, 1) : 0,
      titleTerms.size ? titleShared / titleTerms.size : 0,
      /\d/.test(segment.text) ? 1 : 0,
      /["“”‘]|(?:^|\s)'/.test(segment.text) ? 1 : 0,
      /\b(?:said|says|told|added|according)\b/i.test(segment.text) ? 1 : 0,
      pronounStart.test(segment.text) ? 1 : 0,
      connectiveStart.test(segment.text) ? 1 : 0,
      capitalised,
    ]
    return { segment, position, words, terms, termSet, features }
  })
}
