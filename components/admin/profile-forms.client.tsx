'use client'

import { useActionState } from 'react'
import { changePasswordAction, updateProfileAction } from '@/app/admin/(office)/profile/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'

export type ProfileFormValues = { name: string; jobTitle: string; bio: string; avatarId: number | null }

export function ProfileForm({
  profile,
  avatars,
}: {
  profile: ProfileFormValues
  avatars: { id: number; label: string }[]
}) {
  const [state, action] = useActionState<FormState, FormData>(updateProfileAction, {})
  const v = (name: keyof ProfileFormValues) => state.values?.[name] ?? String(profile[name] ?? '')
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string) => (err(name) ? `${name}-error` : undefined)
  return (
    <form action={action} key={JSON.stringify(state.values ?? {})} className="space-y-4">
      <FormError message={state.message} />
      <Field id="name" label="Name" errors={err('name')}>
        <input
          id="name"
          name="name"
          required
          autoComplete="name"
          defaultValue={v('name')}
          aria-describedby={described('name')}
          className="input"
        />
      </Field>
      <Field id="jobTitle" label="Job title" errors={err('jobTitle')}>
        <input
          id="jobTitle"
          name="jobTitle"
          autoComplete="organization-title"
          defaultValue={v('jobTitle')}
          aria-describedby={described('jobTitle')}
          className="input"
        />
      </Field>
      <Field id="bio" label="Bio" errors={err('bio')} hint="Shown on your author page.">
        <textarea
          id="bio"
          name="bio"
          rows={5}
          defaultValue={v('bio')}
          aria-describedby={`bio-hint ${described('bio') ?? ''}`}
          className="input"
        />
      </Field>
      <Field id="avatarId" label="Avatar" errors={err('avatarId')}>
        <select
          id="avatarId"
          name="avatarId"
          defaultValue={v('avatarId')}
          aria-describedby={described('avatarId')}
          className="input"
        >
          <option value="">None</option>
          {avatars.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
      <SubmitButton>Save profile</SubmitButton>
    </form>
  )
}

export function PasswordForm() {
  const [state, action] = useActionState<FormState, FormData>(changePasswordAction, {})
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string, extra?: string) =>
    [extra, err(name) ? `${name}-error` : undefined].filter(Boolean).join(' ') || undefined
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.message} />
      <Field id="currentPassword" label="Current password" errors={err('currentPassword')}>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          required
          autoComplete="current-password"
          aria-describedby={described('currentPassword')}
          className="input"
        />
      </Field>
      <Field
        id="newPassword"
        label="New password"
        errors={err('newPassword')}
        hint="At least 10 characters. You will be signed out everywhere and asked to sign in again."
      >
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          aria-describedby={described('newPassword', 'newPassword-hint')}
          className="input"
        />
      </Field>
      <SubmitButton>Change password</SubmitButton>
    </form>
  )
}
