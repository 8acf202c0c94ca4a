/**
 * ROUGE-1, ROUGE-2 and summary-level ROUGE-L (F1), computed the way the reference `rouge-score`
 * package does: lowercase, anything but a-z0-9 is a separator, optional stemming of tokens longer
 * than three characters, one reference or candidate sentence per array item.
 */
export type RougeScore = { precision: number; recall: number; f1: number }
export type RougeResult = { rouge1: RougeScore; rouge2: RougeScore; rougeL: RougeScore }

export type Stemmer = (word: string) => string

export function rougeTokens(text: string, stem?: Stemmer) {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  return stem ? words.map((w) => (w.length > 3 ? stem(w) : w)) : words
}

function score(hits: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal ? hits / candidateTotal : 0
  const recall = referenceTotal ? hits / referenceTotal : 0
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0
  return { precision, recall, f1 }
}

function ngramCounts(tokens: string[], n: number) {
  const counts = new Map<string, number>()
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

export function rougeN(candidate: string[], reference: string[], n: number): RougeScore {
  const c = ngramCounts(candidate, n)
  const r = ngramCounts(reference, n)
  let hits = 0
  for (const [gram, count] of r) hits += Math.min(count, c.get(gram) ?? 0)
  return score(hits, Math.max(candidate.length - n + 1, 0), Math.max(reference.length - n + 1, 0))
}

/** Positions in `a` of one longest common subsequence of `a` and `b`. */
function lcsPositions(a: string[], b: string[]) {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!)
  const positions: number[] = []
  let i = a.length
  let j = b.length
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      positions.push(i - 1)
      i--
      j--
    } else if (table[i - 1]![j]! >= table[i]![j - 1]!) i--
    else j--
  }
  return positions.reverse()
}

/**
 * Summary-level ROUGE-L (Lin 2004, "rougeLsum"): for every reference sentence, the union of its
 * LCS with each candidate sentence; each token counted at most as often as it occurs on both sides.
 */
export function rougeLsum(candidate: string[][], reference: string[][]): RougeScore {
  const candidateCounts = new Map<string, number>()
  const referenceCounts = new Map<string, number>()
  for (const s of candidate) for (const t of s) candidateCounts.set(t, (candidateCounts.get(t) ?? 0) + 1)
  for (const s of reference) for (const t of s) referenceCounts.set(t, (referenceCounts.get(t) ?? 0) + 1)
  let hits = 0
  for (const ref of reference) {
    const union = new Set<number>()
    for (const cand of candidate) for (const p of lcsPositions(ref, cand)) union.add(p)
    for (const p of [...union].sort((x, y) => x - y)) {
      const token = ref[p]!
      const c = candidateCounts.get(token) ?? 0
      const r = referenceCounts.get(token) ?? 0
      if (c > 0 && r > 0) {
        hits++
        candidateCounts.set(token, c - 1)
        referenceCounts.set(token, r - 1)
      }
    }
  }
  const total = (s: string[][]) => s.reduce((n, x) => n + x.length, 0)
  return score(hits, total(candidate), total(reference))
}

/** Scores candidate sentences against reference sentences. */
export function rouge(candidate: string[], reference: string[], stem?: Stemmer): RougeResult {
  const c = candidate.map((s) => rougeTokens(s, stem))
  const r = reference.map((s) => rougeTokens(s, stem))
  return { rouge1: rougeN(c.flat(), r.flat(), 1), rouge2: rougeN(c.flat(), r.flat(), 2), rougeL: rougeLsum(c, r) }
}
