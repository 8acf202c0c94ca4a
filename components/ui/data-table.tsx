export type Column<T> = {
  header: React.ReactNode
  cell: (row: T) => React.ReactNode
  /** Classes added to this column's cells, after its padding. */
  className?: string
  /** Replaces the padding: by default every column but the last keeps a gap on its right. */
  pad?: string
  /** The cell names its row (th scope="row"). */
  rowHeader?: boolean
}

/**
 * A back-office list: a named table that scrolls sideways inside its own box on a narrow screen, and
 * that box takes the keyboard focus so the columns out of view can be reached without a pointer.
 */
export function DataTable<T extends { id: React.Key }>({
  caption,
  columns,
  rows,
  alignTop = false,
}: {
  /** Read by screen readers only: the page's heading already names the list for sighted readers. */
  caption: string
  columns: Column<T>[]
  rows: T[]
  alignTop?: boolean
}) {
  const pad = (i: number, c: Column<T>) => c.pad ?? (i === columns.length - 1 ? 'py-2' : 'py-2 pr-4')
  return (
    <div className="relative overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-300 dark:border-zinc-700">
            {columns.map((c, i) => (
              <th key={i} scope="col" className={pad(i, c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={`border-b border-zinc-200 ${alignTop ? 'align-top' : ''}dark:border-zinc-800`}>
              {columns.map((c, i) => {
                const className = [pad(i, c), c.className].filter(Boolean).join(' ')
                return c.rowHeader ? (
                  <th key={i} scope="row" className={className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={className}>
                    {c.cell(row)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
