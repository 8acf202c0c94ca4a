'use client'

import { useActionState } from 'react'
import { savePageAction } from '@/app/admin/(office)/pages/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'

export type PageFormValues = {
  id?: number
  title: string
  slug: string
  body: string
  status: 'draft' | 'published'
  inTopNav: boolean
  position: number
  seoDescription: string
}

export function PageForm({ page }: { page: PageFormValues }) {
  const [state, action] = useActionState<FormState, FormData>(savePageAction, {})
  // After an error the form shows what was submitted, not what is stored.
  const v = (name: Exclude<keyof PageFormValues, 'inTopNav'>) => state.values?.[name] ?? String(page[name] ?? '')
  const inTopNav = state.values ? state.values.inTopNav === 'on' : page.inTopNav
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string, hint = false) =>
    [hint ? `${name}-hint` : '', err(name) ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined

  return (
    <form action={action} key={JSON.stringify(state.values ?? {})} className="max-w-3xl space-y-4">
      <input type="hidden" name="id" value={page.id ?? ''} />
      <FormError message={state.message} />
      <Field id="title" label="Title" errors={err('title')}>
        <input
          id="title"
          name="title"
          required
          defaultValue={v('title')}
          aria-describedby={described('title')}
          className="input text-lg"
        />
      </Field>
      <Field
        id="slug"
        label="Slug"
        errors={err('slug')}
        hint="The page lives at /slug/. Made from the title when left empty."
      >
        <input
          id="slug"
          name="slug"
          defaultValue={v('slug')}
          aria-describedby={described('slug', true)}
          className="input"
        />
      </Field>
      <Field
        id="body"
        label="Body"
        errors={err('body')}
        hint="HTML is allowed; it is cleaned with an allow-list when saved."
      >
        <textarea
          id="body"
          name="body"
          rows={18}
          defaultValue={v('body')}
          aria-describedby={described('body', true)}
          className="input font-mono"
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="status" label="Status" errors={err('status')}>
          <select
            id="status"
            name="status"
            defaultValue={v('status')}
            aria-describedby={described('status')}
            className="input"
          >
            <option value="draft">Draft</option>
            <option value="published">Published</option>
          </select>
        </Field>
        <Field id="position" label="Position" errors={err('position')} hint="Order in the top navigation: 0 is first.">
          <input
            id="position"
            name="position"
            type="number"
            min={0}
            step={1}
            defaultValue={v('position')}
            aria-describedby={described('position', true)}
            className="input"
          />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="inTopNav" defaultChecked={inTopNav} /> Show in top navigation
      </label>
      <Field id="seoDescription" label="SEO description" errors={err('seoDescription')}>
        <textarea
          id="seoDescription"
          name="seoDescription"
          rows={2}
          defaultValue={v('seoDescription')}
          aria-describedby={described('seoDescription')}
          className="input"
        />
      </Field>
      <SubmitButton>Save page</SubmitButton>
    </form>
  )
}
