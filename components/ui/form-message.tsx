const tones = {
  error:
    'rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
  notice:
    'rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  inline: 'text-sm text-red-700 dark:text-red-400',
}

/** The outcome of a form: an error (announced at once) or a confirmation. */
export function FormMessage({
  id,
  message,
  notice,
  inline = false,
  className = '',
}: {
  id?: string
  message?: string | null
  notice?: string
  /** A line of red text rather than a box, for small forms. */
  inline?: boolean
  className?: string
}) {
  if (message)
    return (
      <p id={id} role="alert" className={`${inline ? tones.inline : tones.error} ${className}`.trim()}>
        {message}
      </p>
    )
  if (notice)
    return (
      <p role="status" className={`${tones.notice} ${className}`.trim()}>
        {notice}
      </p>
    )
  return null
}
