import { TextInput } from '@/components/ui/field'
import type { FormFields } from '@/components/ui/use-form.client'

/** Alt text, caption and credit of an image: the upload form and the edit form share them. */
export function MediaDetailFields({ form }: { form: FormFields }) {
  return (
    <>
      <TextInput form={form} name="alt" label="Alt text" required maxLength={300} />
      <TextInput form={form} name="caption" label="Caption" maxLength={500} />
      <TextInput form={form} name="credit" label="Photo credit" maxLength={200} />
    </>
  )
}
