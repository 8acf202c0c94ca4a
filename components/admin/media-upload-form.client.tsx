'use client'

import { useActionState, useState } from 'react'
import { uploadMedia } from '@/app/admin/(office)/media/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'
import { MediaDetailFields } from './media-detail-fields'

const maxBytes = 15 * 1024 * 1024

export function MediaUploadForm() {
  const [state, action] = useActionState<FormState, FormData>(uploadMedia, {})
  // Checked before sending: a body over the server's limit would fail before the action could explain why.
  const [tooBig, setTooBig] = useState(false)
  const v = (name: string) => state.values?.[name] ?? ''
  const err = (name: string) =>
    name === 'file' && tooBig ? ['The file is larger than 15 MB.'] : state.fieldErrors?.[name]
  const described = (name: string) => (err(name) ? `${name}-error` : undefined)
  const message = tooBig ? 'The file is larger than 15 MB.' : state.message

  return (
    <form
      action={action}
      key={JSON.stringify(state.values ?? {})}
      onSubmit={(e) => {
        const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0]
        const over = !!file && file.size > maxBytes
        setTooBig(over)
        if (over) e.preventDefault()
      }}
      className="grid gap-4 rounded border border-zinc-200 bg-white p-4 sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <FormError message={message} className="sm:col-span-2" />
      <Field id="file" label="Image file" errors={err('file')} hint="JPEG, PNG, WebP, AVIF or GIF, up to 15 MB.">
        <input
          id="file"
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
          required
          aria-describedby={`file-hint ${described('file') ?? ''}`}
          className="input"
        />
      </Field>
      <MediaDetailFields value={v} errors={err} />
      <div className="sm:col-span-2">
        <SubmitButton>Upload</SubmitButton>
      </div>
    </form>
  )
}
