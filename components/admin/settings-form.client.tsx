'use client'

import { Select, TextArea, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { socialNetworkNames, socialNetworks } from '@/lib/social-networks'
import { SubmitButton } from './submit-button.client'

/** Every setting as a form string; social links are keyed social_<network>, staff is "Role: Name" lines. */
export type SettingsFormValues = Record<string, string>

export function SettingsForm({
  settings,
  logoChoices,
  action,
}: {
  settings: SettingsFormValues
  logoChoices: { id: number; label: string }[]
  action: FormAction
}) {
  const [form, formAction] = useForm(action, { stored: settings })
  const fieldset = 'grid gap-4 rounded border border-zinc-200 p-4 sm:grid-cols-2 dark:border-zinc-800'

  return (
    <form action={formAction} key={form.key()} className="max-w-4xl space-y-6">
      <FormMessage message={form.state.message} />
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Publication</legend>
        <TextInput form={form} name="name" label="Site name" required />
        <TextInput form={form} name="tagline" label="Tagline" />
        <div className="sm:col-span-2">
          <TextArea
            form={form}
            name="description"
            label="Description"
            rows={2}
            hint="Used by search engines and the footer."
          />
        </div>
        <Select form={form} name="logoMediaId" label="Logo" hint="An image from the media library.">
          <option value="">None (the site name is shown)</option>
          {logoChoices.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </Select>
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Dates and listings</legend>
        <TextInput form={form} name="timezone" label="Timezone" hint="IANA name, e.g. Asia/Kolkata" />
        <TextInput form={form} name="locale" label="Locale" hint="Language tag for dates, e.g. en-IN." />
        <TextInput form={form} name="postsPerPage" label="Posts per page" type="number" min={1} max={50} step={1} />
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Contacts</legend>
        <TextInput form={form} name="phone" label="Phone" type="tel" />
        <TextInput form={form} name="email" label="E-mail" type="email" />
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Social links</legend>
        <p className="text-sm text-zinc-600 sm:col-span-2 dark:text-zinc-400">Leave a network empty to hide it.</p>
        {socialNetworks.map((n) => (
          <div key={n}>
            <TextInput
              form={form}
              name={`social_${n}`}
              label={socialNetworkNames[n]}
              type="url"
              placeholder="https://"
            />
          </div>
        ))}
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Footer</legend>
        <div className="sm:col-span-2">
          <TextArea
            form={form}
            name="staff"
            label="Staff"
            rows={6}
            hint="One person per line, as “Role: Name”, e.g. Editor-in-Chief: Radhika Venkatesh."
          />
        </div>
        <TextArea form={form} name="registeredOffice" label="Registered office" rows={4} />
        <TextArea form={form} name="editorialOffice" label="Editorial office" rows={4} />
        <div className="sm:col-span-2">
          <TextInput form={form} name="copyright" label="Copyright" hint="{year} is replaced by the current year." />
        </div>
      </fieldset>
      <fieldset className={fieldset}>
        <legend className="px-1 text-sm font-semibold">Backups</legend>
        <TextInput
          form={form}
          name="backupEveryHours"
          label="Back up every (hours)"
          hint="An online copy of the database and new uploads; 0 turns scheduled backups off."
          type="number"
          min={0}
          max={168}
          step={1}
          required
        />
        <TextInput
          form={form}
          name="backupKeep"
          label="Backups to keep"
          type="number"
          min={1}
          max={365}
          step={1}
          required
        />
      </fieldset>
      <SubmitButton>Save settings</SubmitButton>
    </form>
  )
}
