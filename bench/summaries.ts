// `npm run bench:summaries [-- --file <jsonl>] [-- --weights '{"centrality":0.3}']`: see docs/summaries.md.
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import winkNLP, { type ItsFunction } from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { rouge, type RougeResult } from '@/lib/rouge'
import { lead3, summarize } from '@/lib/summarize'
import { parseArgs } from './common'

const flags = parseArgs(process.argv.slice(2))
const file = path.resolve(
  typeof flags.get('file') === 'string'
    ? (flags.get('file') as string)
    : '../shared/testdata/summaries/cnndm-dev.jsonl',
)
if (!fs.existsSync(file)) {
  console.error(`No data set at ${file} (one JSON object a line: {article, highlights}).`)
  process.exit(1)
}
const weights = typeof flags.get('weights') === 'string' ? JSON.parse(flags.get('weights') as string) : undefined

type Story = { id: string; article: string; highlights: string }
const stories = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Story)

// Porter-family stemming of ROUGE tokens, as the reference scorer does; wink's English model stems.
const nlp = winkNLP(model)
const stems = new Map<string, string>()
const stem = (word: string) => {
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

const zero = () => ({ rouge1: 0, rouge2: 0, rougeL: 0 })
const totals = { ours: zero(), lead3: zero() }
const words = { ours: 0, lead3: 0, reference: 0 }
const sentences = { ours: 0, lead3: 0 }
const add = (t: ReturnType<typeof zero>, r: RougeResult) => {
  t.rouge1 += r.rouge1.f1
  t.rouge2 += r.rouge2.f1
  t.rougeL += r.rougeL.f1
}
const wordCount = (s: string[]) => s.join(' ').split(/\s+/).filter(Boolean).length

summarize('Warm the model up. It loads once per process. Then it is fast.')
const times: number[] = []
for (const story of stories) {
  const reference = story.highlights.split('\n').filter((l) => l.trim())
  const start = performance.now()
  const ours = summarize(story.article, { weights })
  times.push(performance.now() - start)
  const baseline = lead3(story.article)
  add(totals.ours, rouge(ours, reference, stem))
  add(totals.lead3, rouge(baseline, reference, stem))
  words.ours += wordCount(ours)
  words.lead3 += wordCount(baseline)
  words.reference += wordCount(reference)
  sentences.ours += ours.length
  sentences.lead3 += baseline.length
}

const n = stories.length
const pct = (x: number) => ((100 * x) / n).toFixed(2)
times.sort((a, b) => a - b)
const row = (name: string, t: ReturnType<typeof zero>, w: number, s: number) =>
  `${name.padEnd(8)} ${pct(t.rouge1).padStart(7)} ${pct(t.rouge2).padStart(7)} ${pct(t.rougeL).padStart(7)} ${(w / n).toFixed(1).padStart(9)} ${(s / n).toFixed(2).padStart(9)}`
console.log(`${n} stories from ${path.basename(file)}; ROUGE F1 (%), ROUGE-L summary-level, stemmed`)
console.log(
  `${''.padEnd(8)} ${'R-1'.padStart(7)} ${'R-2'.padStart(7)} ${'R-L'.padStart(7)} ${'words'.padStart(9)} ${'sentences'.padStart(9)}`,
)
console.log(row('ours', totals.ours, words.ours, sentences.ours))
console.log(row('lead-3', totals.lead3, words.lead3, sentences.lead3))
console.log(`reference ${(words.reference / n).toFixed(1)} words on average`)
const ratio = (k: keyof ReturnType<typeof zero>) => (totals.ours[k] / totals.lead3[k]).toFixed(3)
console.log(`ratio ours/lead-3: R-1 ${ratio('rouge1')}  R-2 ${ratio('rouge2')}  R-L ${ratio('rougeL')}`)
console.log(
  `time per article: median ${times[Math.floor(n / 2)]!.toFixed(1)} ms, p95 ${times[Math.floor(n * 0.95)]!.toFixed(1)} ms, max ${times[n - 1]!.toFixed(1)} ms`,
)
