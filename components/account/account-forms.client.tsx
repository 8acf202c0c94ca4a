'use client'

import { TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from '@/components/admin/submit-button.client'

export function NameForm({ name, action }: { name: string; action: FormAction }) {
  const [form, formAction] = useForm(action, { stored: { name } })
  return (
    <form action={formAction} className="space-y-3">
      <TextInput form={form} name="name" label="Name" required maxLength={80} autoComplete="name" />
      <FormMessage message={form.state.message} notice={form.state.notice} />
      <SubmitButton>Save name</SubmitButton>
    </form>
  )
}

export function PasswordForm({ hasPassword, action }: { hasPassword: boolean; action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-3">
      {hasPassword && (
        <TextInput
          form={form}
          name="current"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
        />
      )}
      <TextInput
        form={form}
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters. Changing it signs you out everywhere."
      />
      <FormMessage message={form.state.message} />
      <SubmitButton>{hasPassword ? 'Change password' : 'Set password'}</SubmitButton>
    </form>
  )
}

export function DeleteAccountForm({ action }: { action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-3">
      <TextInput
        form={form}
        name="confirm"
        label="Type DELETE to confirm"
        required
        autoComplete="off"
        defaultValue={undefined}
      />
      <FormMessage message={form.state.message} />
      <SubmitButton variant="danger">Delete my account</SubmitButton>
    </form>
  )
}
