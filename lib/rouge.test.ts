import { describe, expect, it } from 'vitest'
import { rouge, rougeLsum, rougeN, rougeTokens } from './rouge'

describe('ROUGE', () => {
  it('tokenizes like the reference scorer: lowercase, punctuation splits, stems only longer words', () => {
    expect(rougeTokens("The U.S. team's 3-1 win!")).toEqual(['the', 'u', 's', 'team', 's', '3', '1', 'win'])
    const stem = (w: string) => `${w.slice(0, 3)}*`
    expect(rougeTokens('Running is fun, jumping', stem)).toEqual(['run*', 'is', 'fun', 'jum*'])
  })

  it('scores unigrams and bigrams by clipped counts (hand-computed)', () => {
    const c = rougeTokens('the cat sat on the mat')
    const r = rougeTokens('the cat is on the mat')
    // the×2, cat, on, mat shared: 5 of 6 on both sides.
    expect(rougeN(c, r, 1).f1).toBeCloseTo(5 / 6, 10)
    // "the cat", "on the", "the mat" shared: 3 of 5 bigrams.
    expect(rougeN(c, r, 2).f1).toBeCloseTo(3 / 5, 10)
    expect(rougeN(rougeTokens('a a a'), rougeTokens('a'), 1)).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5 })
  })

  it('computes summary-level ROUGE-L as the union of LCS hits (Lin 2004 example)', () => {
    const ref = [['w1', 'w2', 'w3', 'w4', 'w5']]
    const cand = [
      ['w1', 'w2', 'w6', 'w7', 'w8'],
      ['w1', 'w3', 'w8', 'w9', 'w5'],
    ]
    // LCS with c1 = w1 w2, with c2 = w1 w3 w5; union = 4 hits. R = 4/5, P = 4/10.
    const s = rougeLsum(cand, ref)
    expect(s.recall).toBeCloseTo(0.8, 10)
    expect(s.precision).toBeCloseTo(0.4, 10)
    expect(s.f1).toBeCloseTo((2 * 0.4 * 0.8) / 1.2, 10)
  })

  it('gives identical texts 1 and disjoint texts 0 on every measure', () => {
    const same = rouge(['The minister resigned on Friday.'], ['The minister resigned on Friday.'])
    expect([same.rouge1.f1, same.rouge2.f1, same.rougeL.f1]).toEqual([1, 1, 1])
    const none = rouge(['Apples are red.'], ['Stocks fell sharply.'])
    expect([none.rouge1.f1, none.rouge2.f1, none.rougeL.f1]).toEqual([0, 0, 0])
    expect(rouge([], ['Something.']).rougeL.f1).toBe(0)
  })

  it('does not count a token twice across candidate sentences', () => {
    // Both candidate sentences match the one "b" of the reference; it counts once.
    const s = rougeLsum([['b'], ['b']], [['a', 'b']])
    expect(s.recall).toBeCloseTo(0.5, 10)
    expect(s.precision).toBeCloseTo(0.5, 10)
  })
})
