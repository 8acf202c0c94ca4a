import { type Candidate, candidates, setFeatures, storyTerms } from './summarize/features'
import shippedModel from './summarize/model.json'
import { segment, sentencesOf } from './summarize/segment'

/**
 * Extractive key points: whole sentences of the article, in its order. The text is segmented by
 * news-aware rules (summarize/segment.ts); captions, bylines, boilerplate and sentences that cannot
 * stand alone are never points. The lead (the first sentences that pass those rules) is the
 * default; another set of early sentences replaces it only when a small linear model over whole
 * summaries (position, centrality, coverage of the headline and of the story's repeated words,
 * length; summarize/features.ts) predicts it scores better. The model is trained on human-written
 * highlights by bench/summaries-train.ts and shipped as summarize/model.json, so nothing is
 * downloaded or called at run time. Measured against Lead-3 in docs/summaries.md.
 */
export type SummaryModel = {
  /** Candidate summaries are made of the first this many sentences that pass the rules. */
  within: number
  features: readonly string[]
  scale: number[]
  /** Predicted ROUGE-L gain over the lead per unit of each feature's difference from the lead's. */
  weights: number[]
  /** A candidate replaces the lead only when its predicted gain is larger than this. */
  margin: number
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

/** The lead and nothing else: what the summarizer does without a trained model. */
export const leadOnly: SummaryModel = { within: 0, features: [], scale: [], weights: [], margin: 0 }

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

/** Every `size`-element subset of `items`, each in the order of `items`. */
function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]]
  const out: T[][] = []
  for (let i = 0; i + size <= items.length; i++)
    for (const rest of subsets(items.slice(i + 1), size - 1)) out.push([items[i]!, ...rest])
  return out
}

/** The pool, the point count, the lead and every other valid summary the model may choose from. */
export function summaryChoices(text: string, options: SummaryOptions = {}) {
  const r = { ...defaultRules, ...options.rules }
  const model = options.model ?? (shippedModel as SummaryModel)
  const all = candidates(segment(text), !r.captions)
  const min = options.min ?? 3
  let pool = all.filter((c) => eligible(c, r))
  if (pool.length < min) pool = all.filter((c) => c.words > 0)
  const count = pool.length ? keyPointCount(pool.length, min, options.max) : 0
  const standsAlone = (c: Candidate, chosen: Candidate[]) =>
    !(
      r.pronouns &&
      c.position > 0 &&
      pronoun.test(c.segment.text) &&
      !chosen.some((x) => x.position === c.position - 1)
    )
  const repeats = (c: Candidate, chosen: Candidate[]) =>
    chosen.some((x) => x !== c && overlap(x.termSet, c.termSet) > r.redundancy)
  // The lead is the first sentences that pass the rules: what a reader gets without key points, so
  // the points may not be longer than it, and it is always a valid answer.
  const lead: Candidate[] = []
  for (const c of pool) {
    if (lead.length >= count) break
    if (standsAlone(c, lead) && !repeats(c, lead)) lead.push(c)
  }
  // A pool too alike or too dependent for the rules still yields the points it owes.
  for (const c of pool) {
    if (lead.length >= count) break
    if (!lead.includes(c)) lead.push(c)
  }
  lead.sort((a, b) => a.position - b.position)
  const budget = r.leadLength ? lead.reduce((s, x) => s + x.words, 0) : Infinity
  const key = (set: Candidate[]) => set.map((c) => c.position).join()
  const others = subsets(pool.slice(0, model.within), count).filter(
    (set) =>
      key(set) !== key(lead) &&
      set.reduce((s, x) => s + x.words, 0) <= budget &&
      set.every((c) => standsAlone(c, set) && !repeats(c, set)),
  )
  return { all, pool, count, lead, others, model }
}

/** The candidates chosen as key points, in story order. */
export function selectCandidates(text: string, options: SummaryOptions = {}) {
  const { all, lead, others, model } = summaryChoices(text, options)
  if (!others.length) return lead
  const story = storyTerms(all, options.title)
  const leadFeatures = setFeatures(lead, story)
  // The model predicts how much better than the lead a candidate scores, from how its features
  // differ from the lead's; the lead itself is at zero, so it stays unless a candidate clears the
  // margin.
  let best = lead
  let bestGain = model.margin
  for (const set of others) {
    const features = setFeatures(set, story)
    let gain = 0
    for (let k = 0; k < features.length; k++)
      gain += ((model.weights[k] ?? 0) * (features[k]! - leadFeatures[k]!)) / (model.scale[k] || 1)
    if (gain > bestGain) {
      best = set
      bestGain = gain
    }
  }
  return best
}

/** 3-5 sentences of the text, in their original order; fewer only when the text has fewer. */
export function summarize(text: string, options: SummaryOptions = {}) {
  return selectCandidates(text, options).map((c) => c.segment.text)
}

/** The first three sentences: the baseline every news summarizer is compared with. */
export function lead3(text: string) {
  return splitSentences(text).slice(0, 3)
}
