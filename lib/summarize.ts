import winkNLP, { type ItemSentence } from 'wink-nlp'
import model from 'wink-eng-lite-web-model'

/**
 * Extractive key points. Sentences come from wink-nlp's English model (bundled with the package, so
 * nothing is downloaded at run time). News puts the essentials first, so the score leans on position
 * and adds how central a sentence is to the story (its content words' frequency in the whole text)
 * and how much it shares with the headline; fragments, questions and sentences that only make sense
 * after the one before them are passed over. Measured against Lead-3 in docs/summaries.md.
 */
export type SummaryOptions = {
  title?: string
  min?: number
  max?: number
  weights?: Partial<typeof defaultWeights>
}

export const defaultWeights = {
  position: 1,
  positionDecay: 0.6,
  centrality: 0.05,
  title: 0.25,
  dangling: 0.3,
  redundancy: 0.6,
  minWords: 8,
}

// Words are compared in their normal (lower-case) form: stemming them cost twice the time for the
// same ROUGE on the dev set.
const termOf = (its: ReturnType<typeof winkNLP>['its']) => its.normal

let nlp: ReturnType<typeof winkNLP> | undefined
function getNlp() {
  // Sentence boundaries are all the pipeline needs: no part-of-speech, entity or sentiment passes.
  nlp ??= winkNLP(model, ['sbd'])
  return nlp
}

/** Splits plain text into sentences, on the English model's sentence boundaries. */
export function splitSentences(text: string) {
  const n = getNlp()
  return n
    .readDoc(text)
    .sentences()
    .out()
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
}

// A sentence opening with one of these leans on the previous one and reads badly on its own.
const danglingStart = /^(but|and|or|so|yet|however|also|still|meanwhile|instead|then|later|here|this|these|those)\b/i

function quoteOpen(text: string) {
  const straight = (text.match(/"/g) ?? []).length
  const opening = (text.match(/“/g) ?? []).length
  const closing = (text.match(/”/g) ?? []).length
  return straight % 2 === 1 || opening > closing
}

type Sentence = { text: string; index: number; words: number; terms: Set<string> }

function analyse(text: string): { sentences: Sentence[]; frequency: Map<string, number> } {
  const n = getNlp()
  const its = n.its
  const doc = n.readDoc(text)
  // Whole-document arrays are several times faster than asking token by token.
  const tokens = doc.tokens()
  const types = tokens.out(its.type) as string[]
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[]
  const normals = tokens.out(termOf(its)) as string[]
  const frequency = new Map<string, number>()
  const sentences: Sentence[] = []
  let open: Sentence | undefined
  doc.sentences().each((s: ItemSentence) => {
    const sentenceTerms = new Set<string>()
    let words = 0
    const sentenceTokens = s.tokens()
    const count = sentenceTokens.length()
    if (count === 0) return
    const first = sentenceTokens.itemAt(0).index()
    for (let i = first; i < first + count; i++) {
      if (types[i] !== 'word') continue
      words++
      const term = normals[i]!
      if (stops[i] || term.length < 2) continue
      sentenceTerms.add(term)
      frequency.set(term, (frequency.get(term) ?? 0) + 1)
    }
    const text = s.out().replace(/\s+/g, ' ').trim()
    // The model ends a sentence inside a quotation of several sentences; a key point must not
    // open a quote it never closes, so the quotation is kept whole.
    if (open) {
      open.text += ` ${text}`
      open.words += words
      for (const x of sentenceTerms) open.terms.add(x)
    } else {
      // A wire-style dateline ("(CNN)", "(Reuters) --") belongs to the story, not to a key point.
      open = {
        text: text.replace(/^\([A-Z][A-Za-z]{1,20}\)\s*(?:[-–—]{1,2}\s*)?/, ''),
        index: sentences.length,
        words,
        terms: sentenceTerms,
      }
      sentences.push(open)
    }
    if (!quoteOpen(open.text)) open = undefined
  })
  return { sentences, frequency }
}

function termsOf(text: string) {
  const n = getNlp()
  const its = n.its
  return new Set(
    n
      .readDoc(text)
      .tokens()
      .filter((t) => t.out(its.type) === 'word' && !t.out(its.stopWordFlag))
      .out(termOf(its)) as string[],
  )
}

function overlap(a: Set<string>, b: Set<string>) {
  if (!a.size || !b.size) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / Math.min(a.size, b.size)
}

/** How many key points a text of this many usable sentences deserves. */
export function keyPointCount(sentenceCount: number, min = 3, max = 5) {
  return Math.max(Math.min(min, sentenceCount), Math.min(max, sentenceCount, 3 + Math.floor(sentenceCount / 50)))
}

/** 3-5 sentences of the text, in their original order; fewer only when the text has fewer. */
export function summarize(text: string, options: SummaryOptions = {}) {
  const w = { ...defaultWeights, ...options.weights }
  const { sentences, frequency } = analyse(text)
  const usable = sentences.filter((s) => s.words >= w.minWords && s.words <= 80 && !/\?["”’']?$/.test(s.text))
  const pool = usable.length >= (options.min ?? 3) ? usable : sentences.filter((s) => s.words > 0)
  if (pool.length === 0) return []
  const title = options.title ? termsOf(options.title) : new Set<string>()
  const centrality = pool.map((s) => {
    let sum = 0
    for (const term of s.terms) sum += Math.log(1 + (frequency.get(term) ?? 0) - 1)
    return sum / Math.sqrt(Math.max(s.terms.size, 1))
  })
  const topCentrality = Math.max(...centrality, 1e-9)
  const scored = pool.map((s, i) => {
    const first = s.index === 0
    let value =
      w.position / Math.pow(1 + s.index, w.positionDecay) +
      (w.centrality * centrality[i]!) / topCentrality +
      w.title * overlap(s.terms, title)
    if (!first && danglingStart.test(s.text)) value -= w.dangling
    return { s, value }
  })
  scored.sort((a, b) => b.value - a.value || a.s.index - b.s.index)
  const count = keyPointCount(pool.length, options.min, options.max)
  const chosen: Sentence[] = []
  for (const { s } of scored) {
    if (chosen.length >= count) break
    if (chosen.some((c) => overlap(c.terms, s.terms) > w.redundancy)) continue
    chosen.push(s)
  }
  return chosen.sort((a, b) => a.index - b.index).map((s) => s.text)
}

/** The first three sentences: the baseline every news summarizer is compared with. */
export function lead3(text: string) {
  return splitSentences(text).slice(0, 3)
}
