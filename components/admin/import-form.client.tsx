'use client'

import { useActionState } from 'react'
import { startImport } from '@/app/admin/(office)/import/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { FormError } from './form-error'
import { SubmitButton } from './submit-button.client'

export function ImportForm() {
  const [state, action] = useActionState<FormState, FormData>(startImport, {})
  const v = (name: string) => state.values?.[name] ?? ''
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string) => (err(name) ? `${name}-error` : undefined)
  return (
    <form
      action={action}
      key={JSON.stringify(state.values ?? {})}
      className="grid gap-4 rounded border border-zinc-200 bg-white p-4 sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <FormError message={state.message} className="sm:col-span-2" />
      <Field
        id="file"
        label="WordPress export file"
        errors={err('file')}
        hint="Tools → Export → All content in WordPress; up to 15 MB here."
      >
        <input
          id="file"
          name="file"
          type="file"
          accept=".xml,application/xml,text/xml"
          required
          aria-describedby={`file-hint ${described('file') ?? ''}`}
          className="input"
        />
      </Field>
      <Field
        id="siteUrl"
        label="Original site address (optional)"
        errors={err('siteUrl')}
        hint="Media are fetched from here when it answers."
      >
        <input
          id="siteUrl"
          name="siteUrl"
          type="url"
          defaultValue={v('siteUrl')}
          aria-describedby={`siteUrl-hint ${described('siteUrl') ?? ''}`}
          className="input"
        />
      </Field>
      <Field id="pingbacks" label="Pingbacks and trackbacks" errors={err('pingbacks')}>
        <select
          id="pingbacks"
          name="pingbacks"
          defaultValue={v('pingbacks') || 'drop'}
          className="input"
          aria-describedby={described('pingbacks')}
        >
          <option value="drop">Leave them out</option>
          <option value="hold">Keep them, held for moderation</option>
        </select>
      </Field>
      <div className="sm:col-span-2">
        <SubmitButton>Import</SubmitButton>
      </div>
    </form>
  )
}
