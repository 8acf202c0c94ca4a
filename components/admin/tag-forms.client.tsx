'use client'

import { FieldErrors, Select, TextArea, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

type ListState = { q?: string; page: number }

function ListStateInputs({ list }: { list: ListState }) {
  return (
    <>
      <input type="hidden" name="q" value={list.q ?? ''} />
      <input type="hidden" name="page" value={list.page} />
    </>
  )
}

export function TagRenameForm({
  tag,
  list,
  action,
}: {
  tag: { id: number; name: string; slug: string; description: string | null }
  list: ListState
  action: FormAction
}) {
  const [form, formAction] = useForm(action, { stored: tag, idPrefix: `tag-${tag.id}-` })
  return (
    <form action={formAction} key={form.key(tag)} className="space-y-3">
      <input type="hidden" name="id" value={tag.id} />
      <ListStateInputs list={list} />
      <FormMessage message={form.state.message} />
      <TextInput form={form} name="name" label="Name" required />
      <TextInput form={form} name="slug" label="Slug" />
      <TextArea form={form} name="description" label="Description" rows={2} />
      <SubmitButton>Save tag</SubmitButton>
    </form>
  )
}

/** The tick boxes live in the table rows and join this form through their `form` attribute. */
export function TagMergeForm({
  formId,
  targets,
  list,
  action,
}: {
  formId: string
  targets: { id: number; name: string; slug: string }[]
  list: ListState
  action: FormAction
}) {
  const [form, formAction] = useForm(action, { idPrefix: 'merge-' })
  return (
    <form
      id={formId}
      action={formAction}
      className="space-y-3 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-bold">Merge tags</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Tick the tags to merge in the list above, then choose the tag they become. Their articles move to it and their
        old addresses redirect to it.
      </p>
      <ListStateInputs list={list} />
      <FormMessage message={form.state.message} />
      <FieldErrors id="merge-ids" errors={form.error('ids')} className="" />
      <Select
        form={form}
        name="targetId"
        id="merge-target"
        label="Merge into"
        required
        key={form.value('targetId')}
        className="input sm:max-w-sm"
      >
        <option value="">Choose a tag…</option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.slug})
          </option>
        ))}
      </Select>
      <SubmitButton variant="secondary">Merge selected</SubmitButton>
    </form>
  )
}
