/** A labelled form field with its server-side error beside it. */
export function Field({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string
  label: string
  errors?: string[]
  hint?: string
  children: React.ReactNode
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {errors?.map((e) => (
        <p key={e} id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {e}
        </p>
      ))}
    </div>
  )
}
