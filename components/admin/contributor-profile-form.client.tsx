'use client'

import { TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

/** A byline for staff who never sign in: editors then choose it as an article's author. */
export function ContributorProfileForm({ action }: { action: FormAction }) {
  const [form, formAction] = useForm(action, { idPrefix: 'profile-' })
  return (
    <form action={formAction} key={form.key()} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <FormMessage message={form.state.message} className="sm:col-span-3" />
      <TextInput form={form} name="name" label="Name on the byline" required autoComplete="off" />
      <TextInput form={form} name="jobTitle" label="Job title (optional)" autoComplete="off" />
      <div className="sm:pt-6">
        <SubmitButton>Add profile</SubmitButton>
      </div>
    </form>
  )
}
