'use client'

import { useActionState } from 'react'
import { saveSectionAction } from '@/app/admin/(office)/sections/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'

export type SectionFormValues = {
  id?: number
  name: string
  slug: string
  description: string
  parentId: number | null
  position: number | null
}

/** Create or edit one section. `parents` are the sections it may sit under (not itself or its subsections). */
export function SectionForm({
  section,
  parents,
}: {
  section: SectionFormValues
  parents: { id: number; name: string; depth: number }[]
}) {
  const [state, action] = useActionState<FormState, FormData>(saveSectionAction, {})
  const v = (name: keyof SectionFormValues) => state.values?.[name] ?? String(section[name] ?? '')
  const err = (name: string) => state.fieldErrors?.[name]
  // Several of these forms share a page, so ids carry the section's id.
  const id = (name: string) => `section-${section.id ?? 'new'}-${name}`
  const described = (name: string, hint = false) =>
    [hint ? `${id(name)}-hint` : '', err(name) ? `${id(name)}-error` : ''].filter(Boolean).join(' ') || undefined

  return (
    <form action={action} key={JSON.stringify(state.values ?? section)} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="id" value={section.id ?? ''} />
      <FormError message={state.message} className="sm:col-span-2" />
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
      <Field id={id('slug')} label="Slug" errors={err('slug')} hint="Made from the name when left empty.">
        <input
          id={id('slug')}
          name="slug"
          defaultValue={v('slug')}
          aria-describedby={described('slug', true)}
          className="input"
        />
      </Field>
      <Field id={id('parentId')} label="Parent section" errors={err('parentId')}>
        <select
          id={id('parentId')}
          name="parentId"
          defaultValue={v('parentId')}
          aria-describedby={described('parentId')}
          className="input"
        >
          <option value="">None (top level)</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              {'— '.repeat(p.depth)}
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={id('position')}
        label="Position"
        errors={err('position')}
        hint="Order among its siblings in the navigation: 0 is first. Empty puts it last."
      >
        <input
          id={id('position')}
          name="position"
          type="number"
          min={0}
          step={1}
          defaultValue={v('position')}
          aria-describedby={described('position', true)}
          className="input"
        />
      </Field>
      <div className="sm:col-span-2">
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
      </div>
      <div className="sm:col-span-2">
        <SubmitButton>{section.id ? 'Save section' : 'Create section'}</SubmitButton>
      </div>
    </form>
  )
}
