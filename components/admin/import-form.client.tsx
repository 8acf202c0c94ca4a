'use client'

import { Select, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

export function ImportForm({ action }: { action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form
      action={formAction}
      key={form.key()}
      className="grid gap-4 rounded border border-zinc-200 bg-white p-4 sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <FormMessage message={form.state.message} className="sm:col-span-2" />
      <TextInput
        form={form}
        name="file"
        label="WordPress export file"
        hint="Tools → Export → All content in WordPress; up to 15 MB here."
        type="file"
        accept=".xml,application/xml,text/xml"
        required
      />
      <TextInput
        form={form}
        name="siteUrl"
        label="Original site address (optional)"
        hint="Media are fetched from here when it answers."
        type="url"
      />
      <Select
        form={form}
        name="pingbacks"
        label="Pingbacks and trackbacks"
        defaultValue={form.value('pingbacks') || 'drop'}
      >
        <option value="drop">Leave them out</option>
        <option value="hold">Keep them, held for moderation</option>
      </Select>
      <div className="sm:col-span-2">
        <SubmitButton>Import</SubmitButton>
      </div>
    </form>
  )
}
