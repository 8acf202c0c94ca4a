'use client'

import { TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

export function LoginForm({ callbackUrl, action }: { callbackUrl?: string; action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <TextInput form={form} name="email" label="Email" type="email" autoComplete="username" required />
      <TextInput
        form={form}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
      />
      <FormMessage message={form.state.message} inline className="font-medium" />
      <SubmitButton className="w-full">Sign in</SubmitButton>
    </form>
  )
}
