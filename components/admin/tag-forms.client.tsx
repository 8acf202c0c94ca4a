'use client'

import { useActionState } from 'react'
import { mergeTagsAction, renameTagAction } from '@/app/admin/(office)/tags/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'

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
}: {
  tag: { id: number; name: string; slug: string; description: string | null }
  list: ListState
}) {
  const [state, action] = useActionState<FormState, FormData>(renameTagAction, {})
  const v = (name: 'name' | 'slug' | 'description') => state.values?.[name] ?? tag[name] ?? ''
  const err = (name: string) => state.fieldErrors?.[name]
  const id = (name: string) => `tag-${tag.id}-${name}`
  const described = (name: string) => (err(name) ? `${id(name)}-error` : undefined)
  return (
    <form action={action} key={JSON.stringify(state.values ?? tag)} className="space-y-3">
      <input type="hidden" name="id" value={tag.id} />
      <ListStateInputs list={list} />
      <FormError message={state.message} />
      <Field id={id('name')} label="Name" errors={err('name')}>
        <input
          id={id('name')}
          name="name"
          required
          defaultValue={v('name')}
          aria-describedby={described('name')}
          className="input"
        />
      </Field>
      <Field id={id('slug')} label="Slug" errors={err('slug')}>
        <input
          id={id('slug')}
          name="slug"
          defaultValue={v('slug')}
          aria-describedby={described('slug')}
          className="input"
        />
      </Field>
      <Field id={id('description')} label="Description" errors={err('description')}>
        <textarea
          id={id('description')}
          name="description"
          rows={2}
          defaultValue={v('description')}
          aria-describedby={described('description')}
          className="input"
        />
      </Field>
      <SubmitButton>Save tag</SubmitButton>
    </form>
  )
}

/** The tick boxes live in the table rows and join this form through their `form` attribute. */
export function TagMergeForm({
  formId,
  targets,
  list,
}: {
  formId: string
  targets: { id: number; name: string; slug: string }[]
  list: ListState
}) {
  const [state, action] = useActionState<FormState, FormData>(mergeTagsAction, {})
  const err = (name: string) => state.fieldErrors?.[name]
  return (
    <form
      id={formId}
      action={action}
      className="space-y-3 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-bold">Merge tags</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Tick the tags to merge in the list above, then choose the tag they become. Their articles move to it and their
        old addresses redirect to it.
      </p>
      <ListStateInputs list={list} />
      <FormError message={state.message} />
      {err('ids')?.map((e) => (
        <p key={e} id="merge-ids-error" className="text-sm text-red-700 dark:text-red-400">
          {e}
        </p>
      ))}
      <Field id="merge-target" label="Merge into" errors={err('targetId')}>
        <select
          id="merge-target"
          name="targetId"
          required
          defaultValue={state.values?.targetId ?? ''}
          key={state.values?.targetId ?? ''}
          aria-describedby={err('targetId') ? 'merge-target-error' : undefined}
          className="input sm:max-w-sm"
        >
          <option value="">Choose a tag…</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.slug})
            </option>
          ))}
        </select>
      </Field>
      <SubmitButton variant="secondary">Merge selected</SubmitButton>
    </form>
  )
}
