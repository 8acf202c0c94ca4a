import { Field } from './field'

/** Alt text, caption and credit of an image: the upload form and the edit form share them. */
export function MediaDetailFields({
  value,
  errors,
}: {
  value: (name: 'alt' | 'caption' | 'credit') => string | undefined
  errors: (name: string) => string[] | undefined
}) {
  const described = (name: string) => (errors(name) ? `${name}-error` : undefined)
  return (
    <>
      <Field id="alt" label="Alt text" errors={errors('alt')}>
        <input
          id="alt"
          name="alt"
          required
          maxLength={300}
          defaultValue={value('alt')}
          aria-describedby={described('alt')}
          className="input"
        />
      </Field>
      <Field id="caption" label="Caption" errors={errors('caption')}>
        <input
          id="caption"
          name="caption"
          maxLength={500}
          defaultValue={value('caption')}
          aria-describedby={described('caption')}
          className="input"
        />
      </Field>
      <Field id="credit" label="Photo credit" errors={errors('credit')}>
        <input
          id="credit"
          name="credit"
          maxLength={200}
          defaultValue={value('credit')}
          aria-describedby={described('credit')}
          className="input"
        />
      </Field>
    </>
  )
}
