'use client'

import { useActionState } from 'react'
import { saveSettingsAction } from '@/app/admin/(office)/settings/actions'
import type { FormState } from '@/services/admin-action'
import { socialNetworkNames, socialNetworks } from '@/lib/social-networks'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'
import { FormError } from './form-error'

/** Every setting as a form string; social links are keyed social_<network>, staff is "Role: Name" lines. */
export type SettingsFormValues = Record<string, string>

export function SettingsForm({
  settings,
  logoChoices,
}: {
  settings: SettingsFormValues
  logoChoices: { id: number; label: string }[]
}) {
  const [state, action] = useActionState<FormState, FormData>(saveSettingsAction, {})
  const v = (name: string) => state.values?.[name] ?? settings[name] ?? ''
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string, hint = false) =>
    [hint ? `${name}-hint` : '', err(name) ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined
  const text = (
    name: string,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
    hint?: string,
  ) => (
    <Field id={name} label={label} errors={err(name)} hint={hint}>
      <input
        id={name}
        name={name}
        defaultValue={v(name)}
        aria-describedby={described(name, !!hint)}
        className="input"
        {...props}
      />
    </Field>
  )
  const area = (name: string, label: string, rows: number, hint?: string) => (
    <Field id={name} label={label} errors={err(name)} hint={hint}>
      <textarea
        id={name}
        name={name}
        rows={rows}
        defaultValue={v(name)}
        aria-describedby={described(name, !!hint)}
        className="input"
      />
    </Field>
  )
  const fieldset = 'grid gap-4 rounded border border-zinc-200 p-4 sm:grid-cols-2 dark:border-zinc-800'

  return (
    <form action={action} key={JSON.stringify(state.values ?? {})} className="max-w-4xl space-y-6">
      <FormError message={state.message} />
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Publication</legend>
        {text('name', 'Site name', { required: true })}
        {text('tagline', 'Tagline')}
        <div className="sm:col-span-2">
          {area('description', 'Description', 2, 'Used by search engines and the footer.')}
        </div>
        <Field id="logoMediaId" label="Logo" errors={err('logoMediaId')} hint="An image from the media library.">
          <select
            id="logoMediaId"
            name="logoMediaId"
            defaultValue={v('logoMediaId')}
            aria-describedby={described('logoMediaId', true)}
            className="input"
          >
            <option value="">None (the site name is shown)</option>
            {logoChoices.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Dates and listings</legend>
        {text('timezone', 'Timezone', {}, 'IANA name, e.g. Asia/Kolkata')}
        {text('locale', 'Locale', {}, 'Language tag for dates, e.g. en-IN.')}
        {text('postsPerPage', 'Posts per page', { type: 'number', min: 1, max: 50, step: 1 })}
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Contacts</legend>
        {text('phone', 'Phone', { type: 'tel' })}
        {text('email', 'E-mail', { type: 'email' })}
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Social links</legend>
        <p className="text-sm text-zinc-600 sm:col-span-2 dark:text-zinc-400">Leave a network empty to hide it.</p>
        {socialNetworks.map((n) => (
          <div key={n}>{text(`social_${n}`, socialNetworkNames[n], { type: 'url', placeholder: 'https://' })}</div>
        ))}
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Footer</legend>
        <div className="sm:col-span-2">
          {area('staff', 'Staff', 6, 'One person per line, as “Role: Name”, e.g. Editor-in-Chief: Radhika Venkatesh.')}
        </div>
        {area('registeredOffice', 'Registered office', 4)}
        {area('editorialOffice', 'Editorial office', 4)}
        <div className="sm:col-span-2">
          {text('copyright', 'Copyright', {}, '{year} is replaced by the current year.')}
        </div>
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Backups</legend>
        {text(
          'backupEveryHours',
          'Back up every (hours)',
          { type: 'number', min: 0, max: 168, step: 1, required: true },
          'An online copy of the database and new uploads; 0 turns scheduled backups off.',
        )}
        {text('backupKeep', 'Backups to keep', { type: 'number', min: 1, max: 365, step: 1, required: true })}
      </fieldset>
      <SubmitButton>Save settings</SubmitButton>
    </form>
  )
}
