/** The form-level error of a back-office form, announced to screen readers. */
export function FormError({ message, className = '' }: { message?: string | null; className?: string }) {
  if (!message) return null
  return (
    <p
      role="alert"
      className={`rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200 ${className}`}
    >
      {message}
    </p>
  )
}
