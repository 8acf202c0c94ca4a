// Shared by bench/summaries.ts (cross-validated scores) and bench/summaries-train.ts (the shipped model).
import fs from 'node:fs'
import path from 'node:path'
import winkNLP, { type ItsFunction } from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { rouge } from '@/lib/rouge'
import {
  defaultRules,
  leadOnly,
  selectCandidates,
  summaryChoices,
  type SummaryModel,
  type SummaryRules,
} from '@/lib/summarize'
import { setFeatureNames, setFeatures, storyTerms } from '@/lib/summarize/features'

export const defaultDataFile = '../shared/testdata/summaries/cnndm-dev.jsonl'

export type Story = {
  id: string
  article: string
  highlights: string
  url?: string
  title: string
  reference: string[]
}

/** The stories of a JSONL file, or undefined when the file is not on this machine. */
export function loadStories(file: string): Story[] | undefined {
  if (!fs.existsSync(file)) return undefined
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const s = JSON.parse(l) as Omit<Story, 'title' | 'reference'> & { title?: string }
      return {
        ...s,
        title: s.title ?? titleFromUrl(s.url),
        reference: s.highlights.split('\n').filter((x) => x.trim()),
      }
    })
}

// The data set has no headlines; both sites put the headline's words in the URL slug, which is what
// the product has in the title field.
export function titleFromUrl(url?: string) {
  if (!url) return ''
  const parts = url.replace(/\/(?:index\.html)?$/, '').split('/')
  let slug = parts[parts.length - 1] ?? ''
  slug = slug.replace(/\.html?$/, '').replace(/^article-\d+-?/, '')
  return slug.replace(/[-_]+/g, ' ').trim()
}

const nlp = winkNLP(model)
const stems = new Map<string, string>()
// Porter-family stemming of ROUGE tokens, as the reference scorer does; wink's English model stems.
export const stem = (word: string) => {
  let s = stems.get(word)
  if (s === undefined) {
    s =
      (
        nlp
          .readDoc(word)
          .tokens()
          .out(nlp.its.stem as unknown as ItsFunction<string>) as string[]
      ).join('') || word
    stems.set(word, s)
  }
  return s
}

/** The conventional Lead-3: the first three sentences by a general-purpose splitter (wink-nlp). */
export function lead3Wink(text: string) {
  return nlp
    .readDoc(text)
    .sentences()
    .out()
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .slice(0, 3)
}

export type Scores = { rouge1: number; rouge2: number; rougeL: number }
export function score(summary: string[], reference: string[]): Scores {
  const r = rouge(summary, reference, stem)
  return { rouge1: r.rouge1.f1, rouge2: r.rouge2.f1, rougeL: r.rougeL.f1 }
}

/**
 * Training rows for the summary model: every valid summary of a story other than its lead, with how
 * its set features differ from the lead's and how much better or worse than the lead it scores in
 * ROUGE-L against the highlights.
 */
export type SetRows = { xs: number[][]; ys: number[]; rougeL: number[]; leadRougeL: number }
const rowCache = new Map<string, SetRows>()
export function setRows(story: Story, within: number, rules: SummaryRules = defaultRules): SetRows {
  const key = `${story.id} ${within} ${JSON.stringify(rules)}`
  let rows = rowCache.get(key)
  if (!rows) {
    const { all, lead, others } = summaryChoices(story.article, {
      title: story.title,
      rules,
      model: { ...leadOnly, within },
    })
    const terms = storyTerms(all, story.title)
    const leadFeatures = setFeatures(lead, terms)
    const leadRougeL = score(
      lead.map((c) => c.segment.text),
      story.reference,
    ).rougeL
    const rougeL = others.map(
      (set) =>
        score(
          set.map((c) => c.segment.text),
          story.reference,
        ).rougeL,
    )
    rows = {
      xs: others.map((set) => setFeatures(set, terms).map((v, k) => v - leadFeatures[k]!)),
      ys: rougeL.map((r) => r - leadRougeL),
      rougeL,
      leadRougeL,
    }
    rowCache.set(key, rows)
  }
  return rows
}

function solve(a: number[][], b: number[]) {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]!])
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r
    ;[m[col], m[pivot]] = [m[pivot]!, m[col]!]
    const p = m[col]![col]! || 1e-12
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const f = m[r]![col]! / p
      for (let k = col; k <= n; k++) m[r]![k]! -= f * m[col]![k]!
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12))
}

/**
 * Ridge regression of the gain over the lead on the feature differences, with no intercept: the
 * lead differs from itself by nothing and is predicted to gain nothing.
 */
export function trainModel(rows: SetRows[], lambda: number, within: number, margin: number): SummaryModel {
  const d = setFeatureNames.length
  const xs = rows.flatMap((r) => r.xs)
  const ys = rows.flatMap((r) => r.ys)
  const scale = new Array<number>(d).fill(0)
  for (const x of xs) for (let k = 0; k < d; k++) scale[k]! += x[k]! ** 2 / xs.length
  for (let k = 0; k < d; k++) scale[k] = Math.sqrt(scale[k]!) || 1
  const a = Array.from({ length: d }, () => new Array<number>(d).fill(0))
  const b = new Array<number>(d).fill(0)
  xs.forEach((raw, i) => {
    const x = raw.map((v, k) => v / scale[k]!)
    for (let p = 0; p < d; p++) {
      b[p]! += x[p]! * ys[i]!
      for (let q = 0; q < d; q++) a[p]![q]! += x[p]! * x[q]!
    }
  })
  for (let k = 0; k < d; k++) a[k]![k]! += lambda
  const round = (v: number) => Math.round(v * 1e6) / 1e6
  return {
    within,
    features: [...setFeatureNames],
    scale: scale.map(round),
    weights: solve(a, b).map(round),
    margin,
  }
}

/** What the model would choose for a story, from its rows: -1 for the lead. */
function chooseRow(model: SummaryModel, rows: SetRows) {
  let best = -1
  let bestGain = model.margin
  rows.xs.forEach((x, j) => {
    const gain = x.reduce((s, v, k) => s + (model.weights[k]! * v) / model.scale[k]!, 0)
    if (gain > bestGain) {
      best = j
      bestGain = gain
    }
  })
  return best
}

/** A fixed, seeded shuffle into k folds, so every run of the bench uses the same split. */
export function folds(count: number, k: number, seed = 1) {
  let state = seed
  const random = () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
  const order = Array.from({ length: count }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
    .map((_, f) => f)
    .reduce(
      (acc, _, pos) => {
        acc[pos % k]!.push(order[pos]!)
        return acc
      },
      Array.from({ length: k }, () => [] as number[]),
    )
}

/** Ratio of summed scores and its 95 % percentile-bootstrap interval over stories. */
export function ratioInterval(ours: number[], base: number[], resamples = 2000, seed = 7) {
  let state = seed
  const random = () => {
    state = (state * 1664525 + 1013904223) % 4294967296
    return state / 4294967296
  }
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
  const ratios: number[] = []
  for (let r = 0; r < resamples; r++) {
    let a = 0
    let b = 0
    for (let i = 0; i < ours.length; i++) {
      const j = Math.floor(random() * ours.length)
      a += ours[j]!
      b += base[j]!
    }
    ratios.push(a / b)
  }
  ratios.sort((x, y) => x - y)
  return {
    ratio: sum(ours) / sum(base),
    low: ratios[Math.floor(resamples * 0.025)]!,
    high: ratios[Math.floor(resamples * 0.975)]!,
  }
}

export function resolveDataFile(flag: string | true | undefined) {
  return path.resolve(typeof flag === 'string' ? flag : defaultDataFile)
}

export function summaryOf(story: Story, rules: SummaryRules, model: SummaryModel) {
  return selectCandidates(story.article, { title: story.title, rules, model })
}

export const ruleChanges: { name: string; rules: Partial<SummaryRules> }[] = [
  { name: 'captions and boilerplate allowed', rules: { captions: !defaultRules.captions } },
  { name: 'partial quotations allowed', rules: { partialQuotes: !defaultRules.partialQuotes } },
  { name: 'questions allowed', rules: { questions: !defaultRules.questions } },
  { name: 'no minimum length', rules: { minWords: 0 } },
  { name: 'no maximum length', rules: { maxWords: 1000 } },
  { name: 'connective openings skipped', rules: { connectives: !defaultRules.connectives } },
  { name: 'pronoun openings allowed', rules: { pronouns: !defaultRules.pronouns } },
  { name: 'no redundancy check', rules: { redundancy: 1 } },
  { name: 'no lead-length budget', rules: { leadLength: !defaultRules.leadLength } },
]

const scoreCache = new Map<string, number>()
const sumRougeL = (stories: Story[], indices: number[], rules: SummaryRules, model: SummaryModel) =>
  indices.reduce((s, i) => {
    const chosen = summaryOf(stories[i]!, rules, model).map((c) => c.segment.text)
    const key = `${stories[i]!.id}\n${chosen.join('\n')}`
    let value = scoreCache.get(key)
    if (value === undefined) {
      value = score(chosen, stories[i]!.reference).rougeL
      scoreCache.set(key, value)
    }
    return s + value
  }, 0)

/**
 * The rules as the training stories would have them: a rule's default changes only when changing it
 * alone scores better on those stories. Product rules (no captions, no partial quotations) are not
 * up for change: a point must be a sentence that stands alone whatever ROUGE says.
 */
export function chooseRules(stories: Story[], train: number[]): SummaryRules {
  const base = sumRougeL(stories, train, defaultRules, leadOnly)
  const rules = { ...defaultRules }
  for (const change of ruleChanges) {
    if ('captions' in change.rules || 'partialQuotes' in change.rules) continue
    if (sumRougeL(stories, train, { ...defaultRules, ...change.rules }, leadOnly) > base)
      Object.assign(rules, change.rules)
  }
  return rules
}

export const withins = [5]
export const lambdas = [10, 100, 1000, 10000]
export const margins = [0, 0.005, 0.01, 0.02]

/**
 * How many early sentences candidates are made of, how strongly the model is shrunk toward the lead
 * and the margin a candidate must clear, chosen together by cross-validation inside `train`: three
 * differently shuffled 4-fold splits, because on about 25 stories a fold's sum hangs on a few
 * stories.
 */
export function chooseModel(stories: Story[], train: number[], k: number, scopes = withins) {
  const grid = scopes.flatMap((within) =>
    lambdas.flatMap((lambda) => margins.map((margin) => ({ within, lambda, margin }))),
  )
  const totals = grid.map(() => 0)
  for (const seed of [3, 5, 11])
    for (const heldOut of folds(train.length, k, seed).map((f) => f.map((j) => train[j]!))) {
      const rest = train.filter((i) => !heldOut.includes(i))
      for (const within of scopes)
        for (const lambda of lambdas) {
          const trained = trainModel(
            rest.map((i) => setRows(stories[i]!, within)),
            lambda,
            within,
            0,
          )
          grid.forEach((g, b) => {
            if (g.within !== within || g.lambda !== lambda) return
            const model = { ...trained, margin: g.margin }
            for (const i of heldOut) {
              const rows = setRows(stories[i]!, within)
              const j = chooseRow(model, rows)
              totals[b]! += j < 0 ? rows.leadRougeL : rows.rougeL[j]!
            }
          })
        }
    }
  let best = 0
  totals.forEach((t, b) => {
    if (t > totals[best]! + 1e-9) best = b
  })
  const { within, lambda, margin } = grid[best]!
  return {
    within,
    lambda,
    margin,
    model: trainModel(
      train.map((i) => setRows(stories[i]!, within)),
      lambda,
      within,
      margin,
    ),
  }
}
