import type { FormFields } from './use-form.client'

/** A field's server-side errors, referenced by its control's aria-describedby. */
export function FieldErrors({ id, errors, className = 'mt-1' }: { id: string; errors?: string[]; className?: string }) {
  if (!errors?.length) return null
  return (
    <p id={`${id}-error`} className={`${className} text-sm text-red-700 dark:text-red-400`.trim()}>
      {errors.join(' ')}
    </p>
  )
}

/** A label, the control it names, then its hint and its errors. */
export function Field({
  id,
  label,
  errors,
  hint,
  children,
}: {
  id: string
  label: string
  errors?: string[]
  hint?: string
  children: React.ReactNode
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <FieldErrors id={id} errors={errors} />
    </div>
  )
}

type Own = {
  form: FormFields
  name: string
  label: string
  hint?: string
  /** An id other than the form's own for this name. */
  id?: string
  /** Ids of further text describing the control, read before its hint and error. */
  describedBy?: string
}

/** The id, name, typed-or-stored value and descriptions every control of a form field takes. */
function control({ form, name, hint, id, describedBy }: Own) {
  const errors = form.error(name)
  const controlId = id ?? form.id(name)
  return {
    id: controlId,
    name,
    defaultValue: form.value(name),
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': form.described(name, { hint: !!hint, extra: describedBy, as: controlId }),
  }
}

function shell({ form, name, label, hint, id }: Own, children: React.ReactNode) {
  return (
    <Field id={id ?? form.id(name)} label={label} errors={form.error(name)} hint={hint}>
      {children}
    </Field>
  )
}

type Split<P> = Own & Omit<P, keyof Own | 'form'>

function split<P extends Own>(props: P) {
  const { form, name, label, hint, id, describedBy, ...rest } = props
  return [{ form, name, label, hint, id, describedBy }, rest] as const
}

/** Passwords are never shown again, and a browser cannot preset a file. */
const unkept = new Set(['password', 'file'])

export function TextInput(props: Split<React.ComponentProps<'input'>>) {
  const [own, { className = 'input', ...rest }] = split(props)
  const { defaultValue, ...attrs } = control(own)
  return shell(
    own,
    <input
      {...attrs}
      defaultValue={unkept.has(rest.type ?? '') ? undefined : defaultValue}
      className={className}
      {...rest}
    />,
  )
}

export function TextArea(props: Split<React.ComponentProps<'textarea'>>) {
  const [own, { className = 'input', ...rest }] = split(props)
  return shell(own, <textarea {...control(own)} className={className} {...rest} />)
}

export function Select(props: Split<React.ComponentProps<'select'>>) {
  const [own, { className = 'input', ...rest }] = split(props)
  return shell(own, <select {...control(own)} className={className} {...rest} />)
}
