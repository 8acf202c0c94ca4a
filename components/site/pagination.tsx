/** Numbered pagination with links only, so it works without JavaScript. */
export function Pagination({
  page,
  pageCount,
  href,
}: {
  page: number
  pageCount: number
  href: (page: number) => string
}) {
  if (pageCount <= 1) return null
  const pages = new Set(
    [1, 2, page - 1, page, page + 1, pageCount - 1, pageCount].filter((p) => p >= 1 && p <= pageCount),
  )
  const sorted = [...pages].sort((a, b) => a - b)
  const item =
    'inline-flex min-w-10 items-center justify-center border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700'
  return (
    <nav aria-label="Pagination" className="mt-8">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev" className={`${item} hover:bg-zinc-100 dark:hover:bg-zinc-800`}>
              ← Newer
            </a>
          </li>
        )}
        {sorted.map((p, i) => (
          <li key={p} className="flex items-center gap-2">
            {i > 0 && p - sorted[i - 1]! > 1 && <span aria-hidden="true">…</span>}
            {p === page ? (
              <span aria-current="page" className={`${item} bg-brand-700 font-semibold text-white`}>
                {p}
              </span>
            ) : (
              <a href={href(p)} className={`${item} hover:bg-zinc-100 dark:hover:bg-zinc-800`} aria-label={`Page ${p}`}>
                {p}
              </a>
            )}
          </li>
        ))}
        {page < pageCount && (
          <li>
            <a href={href(page + 1)} rel="next" className={`${item} hover:bg-zinc-100 dark:hover:bg-zinc-800`}>
              Older →
            </a>
          </li>
        )}
      </ul>
    </nav>
  )
}
