export type ArchiveMonth = { year: number; month: number; count: number }

/**
 * The sidebar's archive list: the most recent months one by one, older ones folded into their
 * years. Ten years of a daily paper would otherwise be 120 links on every page, a quarter of its
 * markup; WordPress themes answer that with a dropdown, which needs a script.
 */
export function foldArchive(months: ArchiveMonth[], recent = 12) {
  const shown = months.slice(0, recent)
  const years: { year: number; count: number }[] = []
  for (const m of months.slice(recent)) {
    const last = years.at(-1)
    if (last?.year === m.year) last.count += m.count
    else years.push({ year: m.year, count: m.count })
  }
  return { months: shown, years }
}
