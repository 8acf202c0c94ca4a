'use client'

import { useActionState } from 'react'
import { addCorrectionAction } from '@/app/admin/(office)/articles/[id]/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'

/** Appends a dated correction to a published article. */
export function CorrectionForm({ articleId }: { articleId: number }) {
  const [state, action] = useActionState<FormState, FormData>(addCorrectionAction, {})
  const errors = state.fieldErrors?.body
  return (
    <form action={action} key={JSON.stringify(state.values ?? {})} className="space-y-3">
      <input type="hidden" name="articleId" value={articleId} />
      <FormError message={state.message} />
      <Field
        id="correction"
        label="New correction"
        errors={errors}
        hint="Shown at the foot of the article with today’s date. 5 to 1000 characters."
      >
        <textarea
          id="correction"
          name="body"
          rows={3}
          required
          maxLength={1000}
          defaultValue={state.values?.body ?? ''}
          aria-describedby={`correction-hint${errors ? ' correction-error' : ''}`}
          className="input"
        />
      </Field>
      <SubmitButton variant="secondary">Add correction</SubmitButton>
    </form>
  )
}
