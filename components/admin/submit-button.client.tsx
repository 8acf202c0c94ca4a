'use client'

import { useFormStatus } from 'react-dom'

/** Disabled while its form is submitting, so a double click cannot send the form twice. */
export function SubmitButton({
  children,
  className = '',
  variant = 'primary',
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' }) {
  const { pending } = useFormStatus()
  return (
    <button
      type="submit"
      disabled={pending || props.disabled}
      aria-disabled={pending}
      className={`btn btn-${variant} ${className}`}
      {...props}
    >
      {children}
    </button>
  )
}
