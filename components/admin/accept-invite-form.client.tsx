'use client'

import { useActionState } from 'react'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'

export function AcceptInviteForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, {})
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string, extra?: string) =>
    [extra, err(name) ? `${name}-error` : undefined].filter(Boolean).join(' ') || undefined
  return (
    <form action={formAction} className="space-y-4">
      <Field id="password" label="Password" errors={err('password')} hint="At least 10 characters.">
        <input
          id="password"
          name="password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          aria-describedby={described('password', 'password-hint')}
          className="input"
        />
      </Field>
      <Field id="confirmPassword" label="Confirm password" errors={err('confirmPassword')}>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          required
          autoComplete="new-password"
          aria-describedby={described('confirmPassword')}
          className="input"
        />
      </Field>
      {state.message && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
      <SubmitButton className="w-full">Set password</SubmitButton>
    </form>
  )
}
