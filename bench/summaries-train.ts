// `npx tsx bench/summaries-train.ts [--file <jsonl>]`: retrains lib/summarize/model.json on every
// story of the data set, with the same choices the cross-validated bench makes on each fold.
import fs from 'node:fs'
import path from 'node:path'
import { defaultRules, type SummaryRules } from '@/lib/summarize'
import { parseArgs } from './common'
import {
  blend,
  chooseBlend,
  chooseRules,
  loadStories,
  resolveDataFile,
  trainingRows,
  trainModel,
} from './summaries-lib'

const flags = parseArgs(process.argv.slice(2))
const file = resolveDataFile(flags.get('file'))
const stories = loadStories(file)
if (!stories) {
  console.log(`No data set at ${file}; the shipped model is left as it is.`)
  process.exit(0)
}
const all = stories.map((_, i) => i)
const { target, beta, diversity } = chooseBlend(stories, all, defaultRules, 5)
const rows = trainingRows(stories, defaultRules, target)
const model = blend(trainModel(rows.xs, rows.ys), beta, diversity)
const out = path.resolve('lib/summarize/model.json')
fs.writeFileSync(out, `${JSON.stringify(model)}\n`)
const rules = chooseRules(stories, all)
const changed = (Object.keys(rules) as (keyof SummaryRules)[]).filter((r) => rules[r] !== defaultRules[r])
console.log(
  `${stories.length} stories, ${rows.xs.length} sentences; model trained on the ${target} target, weighted ${beta}, diversity ${diversity}; wrote ${out}`,
)
if (changed.length)
  console.log(
    `these stories prefer other rules than the defaults (not applied): ${changed.map((r) => `${r}=${rules[r]}`).join(', ')}`,
  )
