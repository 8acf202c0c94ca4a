'use client'

import { useActionState } from 'react'
import type { FormState } from '@/app/(account)/actions'
import { changePasswordAction, deleteAccountAction, updateNameAction } from '@/app/(account)/account/actions'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { FormMessage, TextField } from './form-parts'

export function NameForm({ name }: { name: string }) {
  const [state, action] = useActionState<FormState, FormData>(updateNameAction, {})
  return (
    <form action={action} className="space-y-3">
      <TextField
        id="name"
        label="Name"
        required
        maxLength={80}
        autoComplete="name"
        defaultValue={state.values?.name ?? name}
        errors={state.fieldErrors?.name}
      />
      <FormMessage message={state.message} notice={state.notice} />
      <SubmitButton>Save name</SubmitButton>
    </form>
  )
}

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action] = useActionState<FormState, FormData>(changePasswordAction, {})
  return (
    <form action={action} className="space-y-3">
      {hasPassword && (
        <TextField
          id="current"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          errors={state.fieldErrors?.current}
        />
      )}
      <TextField
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters. Changing it signs you out everywhere."
        errors={state.fieldErrors?.password}
      />
      <FormMessage message={state.message} />
      <SubmitButton>{hasPassword ? 'Change password' : 'Set password'}</SubmitButton>
    </form>
  )
}

export function DeleteAccountForm() {
  const [state, action] = useActionState<FormState, FormData>(deleteAccountAction, {})
  return (
    <form action={action} className="space-y-3">
      <TextField
        id="confirm"
        label="Type DELETE to confirm"
        required
        autoComplete="off"
        errors={state.fieldErrors?.confirm}
      />
      <FormMessage message={state.message} />
      <SubmitButton variant="danger">Delete my account</SubmitButton>
    </form>
  )
}
