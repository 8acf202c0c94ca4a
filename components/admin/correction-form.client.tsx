'use client'

import { TextArea } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

/** Appends a dated correction to a published article. */
export function CorrectionForm({ articleId, action }: { articleId: number; action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} key={form.key()} className="space-y-3">
      <input type="hidden" name="articleId" value={articleId} />
      <FormMessage message={form.state.message} />
      <TextArea
        form={form}
        name="body"
        id="correction"
        label="New correction"
        hint="Shown at the foot of the article with today’s date. 5 to 1000 characters."
        rows={3}
        required
        maxLength={1000}
      />
      <SubmitButton variant="secondary">Add correction</SubmitButton>
    </form>
  )
}
