'use client'

import { Select, TextArea, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

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

export function PageForm({ page, action }: { page: PageFormValues; action: FormAction }) {
  const [form, formAction] = useForm(action, { stored: page })
  return (
    <form action={formAction} key={form.key()} className="max-w-3xl space-y-4">
      <input type="hidden" name="id" value={page.id ?? ''} />
      <FormMessage message={form.state.message} />
      <TextInput form={form} name="title" label="Title" required className="input text-lg" />
      <TextInput
        form={form}
        name="slug"
        label="Slug"
        hint="The page lives at /slug/. Made from the title when left empty."
      />
      <TextArea
        form={form}
        name="body"
        label="Body"
        hint="HTML is allowed; it is cleaned with an allow-list when saved."
        rows={18}
        className="input font-mono"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select form={form} name="status" label="Status">
          <option value="draft">Draft</option>
          <option value="published">Published</option>
        </Select>
        <TextInput
          form={form}
          name="position"
          label="Position"
          hint="Order in the top navigation: 0 is first."
          type="number"
          min={0}
          step={1}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="inTopNav" defaultChecked={form.checked('inTopNav')} /> Show in top navigation
      </label>
      <TextArea form={form} name="seoDescription" label="SEO description" rows={2} />
      <SubmitButton>Save page</SubmitButton>
    </form>
  )
}
