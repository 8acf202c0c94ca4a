'use client'

import { useState } from 'react'
import { TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'
import { MediaDetailFields } from './media-detail-fields'

const maxBytes = 15 * 1024 * 1024
const tooBigMessage = 'The file is larger than 15 MB.'

export function MediaUploadForm({ action }: { action: FormAction }) {
  // Checked before sending: a body over the server's limit would fail before the action could explain why.
  const [tooBig, setTooBig] = useState(false)
  const [form, formAction] = useForm(action, { errors: tooBig ? { file: [tooBigMessage] } : undefined })

  return (
    <form
      action={formAction}
      key={form.key()}
      onSubmit={(e) => {
        const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0]
        const over = !!file && file.size > maxBytes
        setTooBig(over)
        if (over) e.preventDefault()
      }}
      className="grid gap-4 rounded border border-zinc-200 bg-white p-4 sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <FormMessage message={tooBig ? tooBigMessage : form.state.message} className="sm:col-span-2" />
      <TextInput
        form={form}
        name="file"
        label="Image file"
        hint="JPEG, PNG, WebP, AVIF or GIF, up to 15 MB."
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
        required
      />
      <MediaDetailFields form={form} />
      <div className="sm:col-span-2">
        <SubmitButton>Upload</SubmitButton>
      </div>
    </form>
  )
}
