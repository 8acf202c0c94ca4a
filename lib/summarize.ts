import { type Candidate, candidates, featureNames } from './summarize/features'
import shippedModel from './summarize/model.json'
import { segment, sentencesOf } from './summarize/segment'

/**
 * Extractive key points: whole sentences of the article, in its order. The text is segmented by
 * news-aware rules (summarize/segment.ts); captions, bylines, boilerplate and sentences that cannot
 * stand alone are never points; the rest are scored by a small linear model over position,
 * position-aware centrality, headline overlap and surface features (summarize/features.ts), trained
 * on human-written highlights by bench/summaries-train.ts and shipped as summarize/model.json, so
 * nothing is downloaded or called at run time. Measured against Lead-3 in docs/summaries.md.
 */
export type SummaryModel = {
  features: readonly string[]
  mean: number[]
  scale: number[]
  weights: number[]
  /** How much a sentence's score drops per share of content words it repeats from a chosen point. */
  diversity?: number
}

/** Whole-sentence rules; each was kept or dropped on cross-validation (docs/summaries.md). */
export type SummaryRules = {
  /** Captions, credits, bylines and boilerplate are never points. */
  captions: boolean
  /** Fewer words than this and a sentence is a fragment. */
  minWords: number
  /** More words than this and a sentence is a run-on or a list. */
  maxWords: number
  questions: boolean
  /** Skip sentences that open or close a quotation they do not hold whole. */
  partialQuotes: boolean
  /** Skip sentences opening with "But", "And", "Still", "Meanwhile"… */
  connectives: boolean
  /** Skip sentences opening with a pronoun ("He said…") unless the sentence before is a point. */
  pronouns: boolean
  /** Skip a sentence sharing more than this share of its content words with a chosen one (1 = off). */
  redundancy: number
  /** The points together may not be longer than the lead sentences they replace. */
  leadLength: boolean
}

export const defaultRules: SummaryRules = {
  captions: true,
  minWords: 8,
  maxWords: 55,
  questions: true,
  partialQuotes: true,
  connectives: false,
  pronouns: true,
  redundancy: 0.5,
  leadLength: true,
}

export type SummaryOptions = {
  title?: string
  min?: number
  max?: number
  rules?: Partial<SummaryRules>
  model?: SummaryModel
}

/** Splits plain text into sentences; captions, credits, bylines and boilerplate are left out. */
export function splitSentences(text: string) {
  return sentencesOf(text)
}

/** How many key points a text of this many usable sentences deserves. */
export function keyPointCount(sentenceCount: number, min = 3, max = 5) {
  return Math.max(Math.min(min, sentenceCount), Math.min(max, sentenceCount, 3 + Math.floor(sentenceCount / 50)))
}

export function scoreCandidate(model: SummaryModel, c: Candidate) {
  let value = 0
  for (let k = 0; k < c.features.length; k++)
    value += (model.weights[k] ?? 0) * ((c.features[k]! - (model.mean[k] ?? 0)) / (model.scale[k] || 1))
  return value
}

const connective =
  /^["“‘']?(?:but|and|or|so|yet|however|also|still|meanwhile|instead|then|later|here|although|though)\b/i
const pronoun = /^["“‘']?(?:he|she|it|they|his|her|their|its|this|these|those|that)\b/i

/** Whether a sentence may be a key point at all under these rules. */
export function eligible(c: Candidate, r: SummaryRules = defaultRules) {
  if (c.words < r.minWords || c.words > r.maxWords) return false
  if (r.questions && /\?["”’']?$/.test(c.segment.text)) return false
  if (r.partialQuotes && c.segment.partialQuote) return false
  if (r.connectives && c.position > 0 && connective.test(c.segment.text)) return false
  return true
}

function overlap(a: Set<string>, b: Set<string>) {
  if (!a.size || !b.size) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / Math.min(a.size, b.size)
}

/** The candidates chosen as key points, in story order. */
export function selectCandidates(text: string, options: SummaryOptions = {}) {
  const r = { ...defaultRules, ...options.rules }
  const model = options.model ?? (shippedModel as SummaryModel)
  const all = candidates(segment(text), options.title, !r.captions)
  const min = options.min ?? 3
  let pool = all.filter((c) => eligible(c, r))
  if (pool.length < min) pool = all.filter((c) => c.words > 0)
  if (pool.length === 0) return []
  const count = keyPointCount(pool.length, min, options.max)
  // Greedy, best value first; a sentence loses `diversity` times the share of its content words a
  // chosen point already has, so the second and third points add what the first did not say.
  const take = (value: (c: Candidate) => number, diversity: number, budget: number) => {
    const chosen: Candidate[] = []
    const fits = (c: Candidate) =>
      !chosen.includes(c) &&
      !chosen.some((x) => overlap(x.termSet, c.termSet) > r.redundancy) &&
      !(
        r.pronouns &&
        c.position > 0 &&
        pronoun.test(c.segment.text) &&
        !chosen.some((x) => x.position === c.position - 1)
      ) &&
      chosen.reduce((s, x) => s + x.words, c.words) <= budget
    while (chosen.length < count) {
      let best: Candidate | undefined
      let bestValue = -Infinity
      for (const c of pool) {
        if (!fits(c)) continue
        const v = value(c) - diversity * Math.max(0, ...chosen.map((x) => overlap(x.termSet, c.termSet)))
        if (v > bestValue) {
          best = c
          bestValue = v
        }
      }
      if (!best) break
      chosen.push(best)
    }
    return chosen
  }
  // The lead is the first sentences that pass the rules: what a reader gets without key points, so
  // the points may not be longer than it, and it is always a valid answer.
  const lead = take((c) => -c.position, 0, Infinity)
  // A pool too alike or too dependent for the rules still yields the points it owes.
  for (const c of pool) {
    if (lead.length >= count) break
    if (!lead.includes(c)) lead.push(c)
  }
  const budget = r.leadLength ? lead.reduce((s, x) => s + x.words, 0) : Infinity
  const scores = new Map(pool.map((c) => [c, scoreCandidate(model, c)]))
  const chosen = take((c) => scores.get(c)!, model.diversity ?? 0, budget)
  return (chosen.length === count ? chosen : lead).sort((a, b) => a.position - b.position)
}

/** 3-5 sentences of the text, in their original order; fewer only when the text has fewer. */
export function summarize(text: string, options: SummaryOptions = {}) {
  return selectCandidates(text, options).map((c) => c.segment.text)
}

/** The first three sentences: the baseline every news summarizer is compared with. */
export function lead3(text: string) {
  return splitSentences(text).slice(0, 3)
}

export { featureNames }
