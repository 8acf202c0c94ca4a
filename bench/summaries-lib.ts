// Shared by bench/summaries.ts (cross-validated scores) and bench/summaries-train.ts (the shipped model).
import fs from 'node:fs'
import path from 'node:path'
import winkNLP, { type ItsFunction } from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { rouge, rougeN, rougeTokens } from '@/lib/rouge'
import { defaultRules, eligible, selectCandidates, type SummaryModel, type SummaryRules } from '@/lib/summarize'
import { candidates, featureNames } from '@/lib/summarize/features'
import { segment } from '@/lib/summarize/segment'

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
 * What the model learns to predict for a sentence: `oracle`, whether the greedy oracle summary takes
 * it; `whole`, its ROUGE-1/2 against all the highlights; `closest`, its ROUGE-1/2 against the one
 * highlight it is closest to (a highlight usually paraphrases one sentence).
 */
export const targets = ['oracle', 'whole', 'closest'] as const
export type Target = (typeof targets)[number]

/** Training rows: every eligible sentence with its features and its label against the highlights. */
const rowCache = new Map<string, { xs: number[][]; ys: number[] }>()
export function trainingRows(stories: Story[], rules: SummaryRules = defaultRules, target: Target = 'oracle') {
  const xs: number[][] = []
  const ys: number[] = []
  for (const story of stories) {
    const key = `${story.id} ${target} ${JSON.stringify(rules)}`
    const cached = rowCache.get(key) ?? storyRows(story, rules, target)
    rowCache.set(key, cached)
    xs.push(...cached.xs)
    ys.push(...cached.ys)
  }
  return { xs, ys }
}

function storyRows(story: Story, rules: SummaryRules, target: Target) {
  const xs: number[][] = []
  const ys: number[] = []
  {
    const reference = rougeTokens(story.reference.join(' '), stem)
    const highlights = story.reference.map((h) => rougeTokens(h, stem))
    const pool = candidates(segment(story.article), story.title, !rules.captions).filter((c) => eligible(c, rules))
    const tokens = pool.map((c) => rougeTokens(c.segment.text, stem))
    let labels: number[]
    if (target === 'whole') {
      labels = tokens.map((t) => (rougeN(t, reference, 1).f1 + rougeN(t, reference, 2).f1) / 2)
    } else if (target === 'oracle') {
      // Greedy oracle: the sentences that together score best against the highlights.
      const chosen: number[] = []
      let best = 0
      for (;;) {
        let pick = -1
        for (let i = 0; i < tokens.length; i++) {
          if (chosen.includes(i)) continue
          const t = [...chosen, i].flatMap((j) => tokens[j]!)
          const v = (rougeN(t, reference, 1).f1 + rougeN(t, reference, 2).f1) / 2
          if (v > best) {
            best = v
            pick = i
          }
        }
        if (pick < 0 || chosen.length >= 4) break
        chosen.push(pick)
      }
      labels = tokens.map((_, i) => (chosen.includes(i) ? 1 : 0))
    } else {
      labels = tokens.map((t) => Math.max(0, ...highlights.map((h) => (rougeN(t, h, 1).f1 + rougeN(t, h, 2).f1) / 2)))
    }
    pool.forEach((c, i) => {
      xs.push(c.features)
      ys.push(labels[i]!)
    })
  }
  return { xs, ys }
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

/** Ridge regression on standardized features; the intercept is not shrunk. */
export function trainModel(xs: number[][], ys: number[], lambda = 5): SummaryModel {
  const d = featureNames.length
  const mean = new Array<number>(d).fill(0)
  const scale = new Array<number>(d).fill(0)
  for (const x of xs) for (let k = 0; k < d; k++) mean[k]! += x[k]! / xs.length
  for (const x of xs) for (let k = 0; k < d; k++) scale[k]! += (x[k]! - mean[k]!) ** 2 / xs.length
  for (let k = 0; k < d; k++) scale[k] = Math.sqrt(scale[k]!) || 1
  mean[0] = 0
  scale[0] = 1
  const a = Array.from({ length: d }, () => new Array<number>(d).fill(0))
  const b = new Array<number>(d).fill(0)
  xs.forEach((raw, i) => {
    const x = raw.map((v, k) => (v - mean[k]!) / scale[k]!)
    for (let p = 0; p < d; p++) {
      b[p]! += x[p]! * ys[i]!
      for (let q = 0; q < d; q++) a[p]![q]! += x[p]! * x[q]!
    }
  })
  for (let k = 1; k < d; k++) a[k]![k]! += lambda
  const round = (v: number) => Math.round(v * 1e6) / 1e6
  return {
    features: [...featureNames],
    mean: mean.map(round),
    scale: scale.map(round),
    weights: solve(a, b).map(round),
  }
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

/**
 * The learned model's scores added to the position prior 1 / (1 + i), the learned part weighted by
 * beta, with the diversity the selection applies between points.
 */
export function blend(learned: SummaryModel, beta: number, diversity = 0): SummaryModel {
  const prior = learned.features.indexOf('inversePosition')
  return {
    ...learned,
    weights: learned.weights.map((w, k) => beta * w + (k === prior ? learned.scale[k]! : 0)),
    diversity,
  }
}

/** Position alone: the first sentences that pass the whole-sentence rules. */
export const positionOnly: SummaryModel = {
  features: [...featureNames],
  mean: featureNames.map(() => 0),
  scale: featureNames.map(() => 1),
  weights: featureNames.map((f) => (f === 'inversePosition' ? 1 : 0)),
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
  const base = sumRougeL(stories, train, defaultRules, positionOnly)
  const rules = { ...defaultRules }
  for (const change of ruleChanges) {
    if ('captions' in change.rules || 'partialQuotes' in change.rules) continue
    if (sumRougeL(stories, train, { ...defaultRules, ...change.rules }, positionOnly) > base)
      Object.assign(rules, change.rules)
  }
  return rules
}

export const betas = [0, 0.25, 0.5, 1, 2]
export const diversities = [0, 0.3, 1, 3]

/**
 * What the model learns, how much it adds to the position prior and how much a repeated content word
 * costs, chosen together by cross-validation inside `train`.
 */
export function chooseBlend(stories: Story[], train: number[], rules: SummaryRules, k: number) {
  const inner = folds(train.length, k, 3).map((f) => f.map((j) => train[j]!))
  const grid = targets.flatMap((target) =>
    betas.flatMap((beta) => diversities.map((diversity) => ({ target, beta, diversity }))),
  )
  const totals = grid.map(() => 0)
  for (const heldOut of inner) {
    const rest = train.filter((i) => !heldOut.includes(i))
    for (const target of targets) {
      const rows = trainingRows(
        rest.map((i) => stories[i]!),
        rules,
        target,
      )
      const learned = trainModel(rows.xs, rows.ys)
      grid.forEach((g, b) => {
        if (g.target === target) totals[b]! += sumRougeL(stories, heldOut, rules, blend(learned, g.beta, g.diversity))
      })
    }
  }
  let best = 0
  totals.forEach((t, b) => {
    if (t > totals[best]! + 1e-9) best = b
  })
  return grid[best]!
}
