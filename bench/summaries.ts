// `npm run bench:summaries [-- --file <jsonl>] [-- --folds 5] [-- --test <jsonl>]`: see docs/summaries.md.
import { performance } from 'node:perf_hooks'
import { defaultRules, lead3, leadOnly, selectCandidates, type SummaryRules } from '@/lib/summarize'
import { parseArgs } from './common'
import {
  chooseModel,
  chooseRules,
  folds,
  lead3Wink,
  loadStories,
  ratioInterval,
  resolveDataFile,
  ruleChanges,
  score,
  type Scores,
  type Story,
  summaryOf,
} from './summaries-lib'

const flags = parseArgs(process.argv.slice(2))
const file = resolveDataFile(flags.get('file'))
const loaded = loadStories(file)
if (!loaded) {
  console.log(`No data set at ${file} (one JSON object a line: {article, highlights[, url]}); nothing to measure.`)
  process.exit(0)
}
const stories: Story[] = loaded
const testFlag = flags.get('test')
const loadedTest = typeof testFlag === 'string' ? loadStories(testFlag) : undefined
if (typeof testFlag === 'string' && !loadedTest) {
  console.error(`No test set at ${testFlag}`)
  process.exit(1)
}
const k = Number(flags.get('folds') ?? 5)
const split = folds(stories.length, k)
const all = stories.map((_, i) => i)
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
const pct = (x: number) => (100 * x).toFixed(2).padStart(7)
const metrics = ['rouge1', 'rouge2', 'rougeL'] as const

// Every choice the training script makes (how many early sentences candidates come from, how much
// the model is shrunk, the margin over the lead, the model itself) is made on the other folds; the
// held-out fold is only scored. The whole-sentence rules are the product's, fixed as shipped, not
// tuned.
const lead = stories.map((s) => score(lead3Wink(s.article), s.reference))
const leadPoints = stories.map((s) =>
  score(
    summaryOf(s, defaultRules, leadOnly).map((c) => c.segment.text),
    s.reference,
  ),
)
const crossValidate = (split: number[][], scopes?: number[], rules = false) => {
  const out: { scores: Scores[]; positions: number[][]; words: number[]; choices: string[] } = {
    scores: [],
    positions: [],
    words: [],
    choices: [],
  }
  split.forEach((heldOut, f) => {
    const train = all.filter((i) => !heldOut.includes(i))
    const { within, lambda, margin, model } = chooseModel(stories, train, k - 1, scopes)
    for (const i of heldOut) {
      const chosen = summaryOf(stories[i]!, defaultRules, model)
      out.scores[i] = score(
        chosen.map((c) => c.segment.text),
        stories[i]!.reference,
      )
      out.positions[i] = chosen.map((c) => c.position)
      out.words[i] = chosen.reduce((s, c) => s + c.words, 0)
    }
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
    const ours = sum(heldOut.map((i) => out.scores[i]!.rougeL))
    const gain = 100 * (ours - sum(heldOut.map((i) => leadPoints[i]!.rougeL)))
    const preferred = rules ? chooseRules(stories, train) : defaultRules
    const changed = (Object.keys(preferred) as (keyof SummaryRules)[]).filter((r) => preferred[r] !== defaultRules[r])
    out.choices.push(
      `fold ${f + 1}: held-out R-L / Lead-3 ${(ours / sum(heldOut.map((i) => lead[i]!.rougeL))).toFixed(3)}, against the lead ${gain >= 0 ? '+' : ''}${gain.toFixed(1)} (x100, summed); first ${within} sentences, ridge ${lambda}, margin ${margin}; training stories would change: ${changed.map((r) => `${r}=${preferred[r]}`).join(', ') || 'nothing'}`,
    )
  })
  return out
}
const { scores: cv, positions, words: cvWords, choices } = crossValidate(split, undefined, true)

const leadSegmented = stories.map((s) => score(lead3(s.article), s.reference))
const prior = leadPoints

console.log(`${stories.length} stories from ${file}; ROUGE F1 (%), ROUGE-L summary-level, stemmed`)
console.log(`${''.padEnd(40)}    R-1     R-2     R-L`)
const row = (name: string, s: Scores[]) =>
  console.log(`${name.padEnd(40)}${metrics.map((m) => pct(mean(s.map((x) => x[m])))).join(' ')}`)
row(`key points, ${k}-fold cross-validated`, cv)
row('Lead-3 (wink-nlp sentences)', lead)
row('Lead-3 (news-aware sentences)', leadSegmented)
row('the lead (the rules, no model)', prior)
for (const m of metrics) {
  const r = ratioInterval(
    cv.map((s) => s[m]),
    lead.map((s) => s[m]),
  )
  console.log(
    `cross-validated ${m} / Lead-3: ${r.ratio.toFixed(3)}  95 % bootstrap interval [${r.low.toFixed(3)}, ${r.high.toFixed(3)}]`,
  )
}
const againstSegmented = ratioInterval(
  cv.map((s) => s.rougeL),
  leadSegmented.map((s) => s.rougeL),
)
console.log(
  `cross-validated rougeL / Lead-3 on news-aware sentences: ${againstSegmented.ratio.toFixed(3)}  [${againstSegmented.low.toFixed(3)}, ${againstSegmented.high.toFixed(3)}]`,
)
const priorRatio = ratioInterval(
  prior.map((s) => s.rougeL),
  lead.map((s) => s.rougeL),
)
console.log(
  `the lead (the rules, no model), rougeL / Lead-3: ${priorRatio.ratio.toFixed(3)}  [${priorRatio.low.toFixed(3)}, ${priorRatio.high.toFixed(3)}] (no training, but the rules' defaults were written looking at these stories)`,
)
for (const c of choices) console.log(`  ${c}`)
const interval = (ours: Scores[], base: Scores[]) => {
  const r = ratioInterval(
    ours.map((s) => s.rougeL),
    base.map((s) => s.rougeL),
  )
  return `${r.ratio.toFixed(3)} [${r.low.toFixed(3)}, ${r.high.toFixed(3)}]`
}
console.log(`cross-validated rougeL / the lead: ${interval(cv, prior)}`)
// How much the figure owes to choices made looking at these folds: the candidate scope chosen
// inside the folds too, and the same procedure on other shuffles of the stories into folds.
const scopes = [4, 5, 6, 8]
console.log(
  `with the first ${scopes.join(', ')} sentences also chosen in the folds, rougeL / Lead-3: ${interval(crossValidate(split, scopes).scores, lead)}`,
)
const reshuffled = [2, 3, 4, 5].map((seed) => interval(crossValidate(folds(stories.length, k, seed)).scores, lead))
console.log(`other splits into ${k} folds (seeds 2-5), rougeL / Lead-3: ${reshuffled.join('; ')}`)
// The lead is what the summarizer falls back to: the first sentences that pass the rules.
const leads = stories.map((s) => summaryOf(s, defaultRules, leadOnly).map((c) => c.position))
const exactLead = positions.filter((p, i) => p.join() === leads[i]!.join()).length
const points = positions.flat()
const beyondLead = positions.reduce((n, p, i) => n + p.filter((x) => !leads[i]!.includes(x)).length, 0)
console.log(
  `points per story ${(points.length / stories.length).toFixed(2)}; exactly the lead: ${exactLead} of ${stories.length} (${Math.round((100 * exactLead) / stories.length)} %); points beyond the lead: ${((100 * beyondLead) / points.length).toFixed(1)} %; beyond the first three sentences: ${((100 * points.filter((p) => p >= 3).length) / points.length).toFixed(1)} %`,
)
const words = (s: string[]) => s.join(' ').split(/\s+/).filter(Boolean).length
const shipped = stories.map((s) => selectCandidates(s.article, { title: s.title }).map((c) => c.segment.text))
console.log(
  `words per summary: cross-validated key points ${mean(cvWords).toFixed(1)}, shipped key points ${mean(shipped.map(words)).toFixed(1)}, Lead-3 ${mean(stories.map((s) => words(lead3Wink(s.article)))).toFixed(1)}, highlights ${mean(stories.map((s) => words(s.reference))).toFixed(1)}`,
)
const inSample = stories.map((s, i) => score(shipped[i]!, s.reference))
console.log(
  `shipped model on the stories it was trained on (not a measure of quality): R-L ${pct(mean(inSample.map((s) => s.rougeL)))}`,
)

// Stories that neither the rules nor the model were developed on: the shipped model, as readers
// get it, against Lead-3 on each of them. Cross-validation only re-splits the development stories,
// whose rules and features were chosen looking at all of them.
if (loadedTest) {
  const seen = new Set(stories.flatMap((s) => [s.id, s.url].filter(Boolean)))
  const test = loadedTest.filter((s) => !seen.has(s.id) && !(s.url && seen.has(s.url)))
  const chosen = test.map((s) => selectCandidates(s.article, { title: s.title }))
  const leads = test.map((s) => summaryOf(s, defaultRules, leadOnly))
  const texts = (picked: { segment: { text: string } }[]) => picked.map((c) => c.segment.text)
  const order = (picked: { position: number }[]) => picked.map((c) => c.position).join()
  const testLead3 = test.map((s) => score(lead3Wink(s.article), s.reference))
  const ratio = (summaries: string[][]) =>
    interval(
      summaries.map((summary, i) => score(summary, test[i]!.reference)),
      testLead3,
    )
  const sameAsLead = chosen.filter((picked, i) => order(picked) === order(leads[i]!)).length
  console.log(
    `\nTest stories (${testFlag}): ${test.length}, ${loadedTest.length - test.length} left out as development stories; Lead-3 R-L ${pct(mean(testLead3.map((s) => s.rougeL)))}`,
  )
  console.log(
    `  shipped key points, rougeL / Lead-3: ${ratio(chosen.map(texts))}; exactly the lead: ${sameAsLead} of ${test.length}`,
  )
  console.log(`  the lead (the rules, no model): ${ratio(leads.map(texts))}`)
  console.log(`  Lead-3 on news-aware sentences: ${ratio(test.map((s) => lead3(s.article)))}`)
}

selectCandidates('Warm the code up once. It compiles on first use. Then it is fast.')
// Each article is timed five times and its median kept: the machine is shared, and one article's
// figure should not depend on what else ran at that instant.
const times = stories
  .map((s) => {
    const runs = Array.from({ length: 5 }, () => {
      const start = performance.now()
      selectCandidates(s.article, { title: s.title })
      return performance.now() - start
    }).sort((a, b) => a - b)
    return runs[2]!
  })
  .sort((a, b) => a - b)
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!.toFixed(2)
console.log(`time per article (shipped model): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`)

// Each whole-sentence rule switched from its default on its own, the lead only, so no training
// is involved: R-L summed over each fold's stories, changed minus default.
console.log(`\nEach rule changed alone, R-L per fold (x100, summed over the fold), changed minus default:`)
for (const change of ruleChanges) {
  const rules = { ...defaultRules, ...change.rules }
  const deltas = split.map(
    (fold) =>
      100 *
      fold.reduce(
        (s, i) =>
          s +
          score(
            summaryOf(stories[i]!, rules, leadOnly).map((c) => c.segment.text),
            stories[i]!.reference,
          ).rougeL -
          prior[i]!.rougeL,
        0,
      ),
  )
  console.log(
    `${change.name.padEnd(36)} ${deltas.map((d) => d.toFixed(1).padStart(6)).join(' ')}  better in ${deltas.filter((d) => d > 0).length}/${k}, worse in ${deltas.filter((d) => d < 0).length}/${k}`,
  )
}
