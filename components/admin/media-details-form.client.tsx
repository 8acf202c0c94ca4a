'use client'

import { useActionState } from 'react'
import { saveMediaDetails } from '@/app/admin/(office)/media/actions'
import type { FormState } from '@/lib/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'

export type MediaDetailsValues = { id: number; alt: string; caption: string; credit: string }

export function MediaDetailsForm({ media }: { media: MediaDetailsValues }) {
  const [state, action] = useActionState<FormState, FormData>(saveMediaDetails, {})
  const v = (name: 'alt' | 'caption' | 'credit') => state.values?.[name] ?? media[name]
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string) => (err(name) ? `${name}-error` : undefined)

  return (
    <form action={action} key={JSON.stringify(state.values ?? {})} className="space-y-4">
      <input type="hidden" name="id" value={media.id} />
      <FormError message={state.message} />
      <Field id="alt" label="Alt text" errors={err('alt')}>
        <input
          id="alt"
          name="alt"
          required
          maxLength={300}
          defaultValue={v('alt')}
          aria-describedby={described('alt')}
          className="input"
        />
      </Field>
      <Field id="caption" label="Caption" errors={err('caption')}>
        <input
          id="caption"
          name="caption"
          maxLength={500}
          defaultValue={v('caption')}
          aria-describedby={described('caption')}
          className="input"
        />
      </Field>
      <Field id="credit" label="Photo credit" errors={err('credit')}>
        <input
          id="credit"
          name="credit"
          maxLength={200}
          defaultValue={v('credit')}
          aria-describedby={described('credit')}
          className="input"
        />
      </Field>
      <SubmitButton>Save changes</SubmitButton>
    </form>
  )
}
