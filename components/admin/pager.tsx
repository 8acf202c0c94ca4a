import Link from 'next/link'

/** Previous/next links for back-office tables. */
export function Pager({
  page,
  pageCount,
  href,
  className = 'mt-4',
}: {
  page: number
  pageCount: number
  href: (page: number) => string
  className?: string
}) {
  return (
    <nav aria-label="Pagination" className={`${className} flex gap-4 text-sm`}>
      {page > 1 && <Link href={href(page - 1)}>← Previous</Link>}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount && <Link href={href(page + 1)}>Next →</Link>}
    </nav>
  )
}
