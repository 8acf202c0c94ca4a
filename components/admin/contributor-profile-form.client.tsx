'use client'

import { useActionState } from 'react'
import { addContributorProfileAction } from '@/app/admin/(office)/users/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { FormError } from './form-error'
import { SubmitButton } from './submit-button.client'

/** A byline for staff who never sign in: editors then choose it as an article's author. */
export function ContributorProfileForm() {
  const [state, action] = useActionState<FormState, FormData>(addContributorProfileAction, {})
  const v = (name: string) => state.values?.[name] ?? ''
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string) => (err(name) ? `profile-${name}-error` : undefined)
  return (
    <form
      action={action}
      key={JSON.stringify(state.values ?? {})}
      className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
    >
      <FormError message={state.message} className="sm:col-span-3" />
      <Field id="profile-name" label="Name on the byline" errors={err('name')}>
        <input
          id="profile-name"
          name="name"
          required
          autoComplete="off"
          defaultValue={v('name')}
          aria-describedby={described('name')}
          className="input"
        />
      </Field>
      <Field id="profile-jobTitle" label="Job title (optional)" errors={err('jobTitle')}>
        <input
          id="profile-jobTitle"
          name="jobTitle"
          autoComplete="off"
          defaultValue={v('jobTitle')}
          aria-describedby={described('jobTitle')}
          className="input"
        />
      </Field>
      <div className="sm:pt-6">
        <SubmitButton>Add profile</SubmitButton>
      </div>
    </form>
  )
}
