'use client'

import { TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

export function AcceptInviteForm({ action }: { action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <TextInput
        form={form}
        name="password"
        label="Password"
        hint="At least 10 characters."
        type="password"
        required
        minLength={10}
        autoComplete="new-password"
      />
      <TextInput
        form={form}
        name="confirmPassword"
        label="Confirm password"
        type="password"
        required
        autoComplete="new-password"
      />
      <FormMessage message={form.state.message} inline className="font-medium" />
      <SubmitButton className="w-full">Set password</SubmitButton>
    </form>
  )
}
