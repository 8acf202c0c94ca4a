'use client'

import { useActionState } from 'react'
import { saveMediaDetails } from '@/app/admin/(office)/media/actions'
import type { FormState } from '@/services/admin-action'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'
import { MediaDetailFields } from './media-detail-fields'

export type MediaDetailsValues = { id: number; alt: string; caption: string; credit: string }

export function MediaDetailsForm({ media }: { media: MediaDetailsValues }) {
  const [state, action] = useActionState<FormState, FormData>(saveMediaDetails, {})
  const v = (name: 'alt' | 'caption' | 'credit') => state.values?.[name] ?? media[name]
  const err = (name: string) => state.fieldErrors?.[name]

  return (
    <form action={action} key={JSON.stringify(state.values ?? {})} className="space-y-4">
      <input type="hidden" name="id" value={media.id} />
      <FormError message={state.message} />
      <MediaDetailFields value={v} errors={err} />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  )
}
