'use client'

import { Select, TextArea, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

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
  action,
}: {
  section: SectionFormValues
  parents: { id: number; name: string; depth: number }[]
  action: FormAction
}) {
  // Several of these forms share a page, so ids carry the section's id.
  const [form, formAction] = useForm(action, { stored: section, idPrefix: `section-${section.id ?? 'new'}-` })
  return (
    <form action={formAction} key={form.key(section)} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="id" value={section.id ?? ''} />
      <FormMessage message={form.state.message} className="sm:col-span-2" />
      <TextInput form={form} name="name" label="Name" required />
      <TextInput form={form} name="slug" label="Slug" hint="Made from the name when left empty." />
      <Select form={form} name="parentId" label="Parent section">
        <option value="">None (top level)</option>
        {parents.map((p) => (
          <option key={p.id} value={p.id}>
            {'— '.repeat(p.depth)}
            {p.name}
          </option>
        ))}
      </Select>
      <TextInput
        form={form}
        name="position"
        label="Position"
        hint="Order among its siblings in the navigation: 0 is first. Empty puts it last."
        type="number"
        min={0}
        step={1}
      />
      <div className="sm:col-span-2">
        <TextArea form={form} name="description" label="Description" rows={2} />
      </div>
      <div className="sm:col-span-2">
        <SubmitButton>{section.id ? 'Save section' : 'Create section'}</SubmitButton>
      </div>
    </form>
  )
}
