'use client'

import { FormMessage } from '@/components/ui/form-message'
import { SignInFields } from '@/components/ui/sign-in-fields'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

export function LoginForm({ callbackUrl, action }: { callbackUrl?: string; action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <SignInFields form={form} />
      <FormMessage message={form.state.message} inline className="font-medium" />
      <SubmitButton className="w-full">Sign in</SubmitButton>
    </form>
  )
}
