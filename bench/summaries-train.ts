// `npx tsx bench/summaries-train.ts [--file <jsonl>]`: retrains lib/summarize/model.json on every
// story of the data set, with the same choices the cross-validated bench makes on each fold.
import fs from 'node:fs'
import path from 'node:path'
import prettier from 'prettier'
import { defaultRules, type SummaryRules } from '@/lib/summarize'
import { parseArgs } from './common'
import { chooseModel, chooseRules, loadStories, resolveDataFile, setRows } from './summaries-lib'

const flags = parseArgs(process.argv.slice(2))
const file = resolveDataFile(flags.get('file'))
const stories = loadStories(file)
if (!stories) {
  console.log(`No data set at ${file}; the shipped model is left as it is.`)
  process.exit(0)
}
const all = stories.map((_, i) => i)
const { within, lambda, margin, model } = chooseModel(stories, all, 5)
const out = path.resolve('lib/summarize/model.json')
const candidates = stories.reduce((n, s) => n + setRows(s, within).xs.length, 0)
const rules = chooseRules(stories, all)
const changed = (Object.keys(rules) as (keyof SummaryRules)[]).filter((r) => rules[r] !== defaultRules[r])

async function write() {
  // Written as the repository's formatter writes it, so a retrained model diffs only in its figures.
  const options = await prettier.resolveConfig(out)
  fs.writeFileSync(out, await prettier.format(JSON.stringify(model), { ...options, filepath: out }))
  console.log(
    `${all.length} stories, ${candidates} candidate summaries besides the leads; among the first ${within} sentences, ridge ${lambda}, margin ${margin}; wrote ${out}`,
  )
  if (changed.length)
    console.log(
      `these stories prefer other rules than the defaults (not applied): ${changed.map((r) => `${r}=${rules[r]}`).join(', ')}`,
    )
}
void write()
