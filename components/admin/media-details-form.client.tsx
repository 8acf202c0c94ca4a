'use client'

import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'
import { MediaDetailFields } from './media-detail-fields'

export type MediaDetailsValues = { id: number; alt: string; caption: string; credit: string }

export function MediaDetailsForm({ media, action }: { media: MediaDetailsValues; action: FormAction }) {
  const [form, formAction] = useForm(action, { stored: media })
  return (
    <form action={formAction} key={form.key()} className="space-y-4">
      <input type="hidden" name="id" value={media.id} />
      <FormMessage message={form.state.message} />
      <MediaDetailFields form={form} />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  )
}
