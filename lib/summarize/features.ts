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

export type Candidate = {
  segment: Segment
  /** Position among the text's sentences (captions, bylines and boilerplate not counted). */
  position: number
  words: number
  terms: string[]
  termSet: Set<string>
  /** Tf-idf cosine with the whole text. */
  centrality: number
  /**
   * Position-aware centrality (PacSum): mean similarity with the sentences after it. A lead
   * sentence is what the rest of the story goes on to explain.
   */
  forward: number
}

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

/** The sentences of a segmented text with what the selection model scores them on. */
export function candidates(segments: Segment[], withCaptions = false): Candidate[] {
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
  const forward = new Array<number>(n).fill(0)
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) forward[i]! += cosine(vectors[i]!, vectors[j]!, norms[i]!, norms[j]!)
  return sentences.map((segment, position) => {
    const terms = termLists[position]!
    return {
      segment,
      position,
      words: segment.text.split(/\s+/).length,
      terms,
      termSet: new Set(terms),
      centrality: cosine(vectors[position]!, whole, norms[position]!, wholeNorm),
      forward: n > 1 ? forward[position]! / Math.max(n - 1 - position, 1) : 0,
    }
  })
}

/**
 * What a candidate summary is scored on as a whole: the position prior and the centrality of its
 * sentences, how much of the headline and of the story's repeated words it covers, and its length.
 * Coverage is what a sum over sentences cannot see: two sentences saying the same thing cover no
 * more than one.
 */
export const setFeatureNames = ['position', 'title', 'coverage', 'words', 'centrality', 'forward'] as const

/** What set features need from the whole story: headline words and how often each word occurs. */
export type StoryTerms = { title: Set<string>; counts: Map<string, number> }

export function storyTerms(sentences: Candidate[], title?: string): StoryTerms {
  const counts = new Map<string, number>()
  for (const c of sentences) for (const t of c.terms) counts.set(t, (counts.get(t) ?? 0) + 1)
  return { title: new Set(title ? contentTerms(title) : []), counts }
}

export function setFeatures(chosen: Candidate[], story: StoryTerms) {
  const terms = new Set<string>()
  let words = 0
  let position = 0
  let centrality = 0
  let forward = 0
  for (const c of chosen) {
    for (const t of c.termSet) terms.add(t)
    words += c.words
    // The position prior 1 / (1 + i) that makes the lead the default.
    position += 1 / (1 + c.position)
    centrality += c.centrality
    forward += c.forward
  }
  let titleShared = 0
  for (const t of story.title) if (terms.has(t)) titleShared++
  // Words said once are asides; the story's subject is in the words it repeats.
  let covered = 0
  let total = 0
  for (const [t, n] of story.counts) {
    if (n < 2) continue
    total += n
    if (terms.has(t)) covered += n
  }
  return [
    position,
    story.title.size ? titleShared / story.title.size : 0,
    total ? covered / total : 0,
    words / 30,
    centrality,
    forward,
  ]
}
