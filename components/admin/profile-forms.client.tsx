'use client'

import { Select, TextArea, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

export type ProfileFormValues = { name: string; jobTitle: string; bio: string; avatarId: number | null }

export function ProfileForm({
  profile,
  avatars,
  action,
}: {
  profile: ProfileFormValues
  avatars: { id: number; label: string }[]
  action: FormAction
}) {
  const [form, formAction] = useForm(action, { stored: profile })
  return (
    <form action={formAction} key={form.key()} className="space-y-4">
      <FormMessage message={form.state.message} />
      <TextInput form={form} name="name" label="Name" required autoComplete="name" />
      <TextInput form={form} name="jobTitle" label="Job title" autoComplete="organization-title" />
      <TextArea form={form} name="bio" label="Bio" hint="Shown on your author page." rows={5} />
      <Select form={form} name="avatarId" label="Avatar">
        <option value="">None</option>
        {avatars.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </Select>
      <SubmitButton>Save profile</SubmitButton>
    </form>
  )
}

export function PasswordForm({ action }: { action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage message={form.state.message} />
      <TextInput
        form={form}
        name="currentPassword"
        label="Current password"
        type="password"
        required
        autoComplete="current-password"
      />
      <TextInput
        form={form}
        name="newPassword"
        label="New password"
        hint="At least 10 characters. You will be signed out everywhere and asked to sign in again."
        type="password"
        required
        minLength={10}
        autoComplete="new-password"
      />
      <SubmitButton>Change password</SubmitButton>
    </form>
  )
}
