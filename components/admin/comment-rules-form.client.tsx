'use client'

import { useActionState } from 'react'
import { saveCommentRulesAction } from '@/app/admin/(office)/settings/actions'
import type { FormState } from '@/services/admin-action'
import { Field } from './field'
import { FormError } from './form-error'
import { SubmitButton } from './submit-button.client'

/** The comment moderation rules as form strings; booleans are "on" or "". */
export type CommentRulesValues = Record<string, string>

export function CommentRulesForm({ rules }: { rules: CommentRulesValues }) {
  const [state, action] = useActionState<FormState, FormData>(saveCommentRulesAction, {})
  const v = (name: string) => state.values?.[name] ?? rules[name] ?? ''
  const checked = (name: string) => (state.values ? state.values[name] === 'on' : rules[name] === 'on')
  const number = (name: string, label: string, min: number, max: number, hint?: string) => (
    <Field id={name} label={label} errors={state.fieldErrors?.[name]} hint={hint}>
      <input
        id={name}
        name={name}
        type="number"
        min={min}
        max={max}
        required
        defaultValue={v(name)}
        aria-describedby={hint ? `${name}-hint` : undefined}
        className="input w-32"
      />
    </Field>
  )
  const box = (name: string, label: string) => (
    <div className="flex items-center gap-2">
      <input id={name} name={name} type="checkbox" defaultChecked={checked(name)} className="size-4" />
      <label htmlFor={name} className="text-sm font-medium">
        {label}
      </label>
    </div>
  )
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.message} />
      {box('holdFirstComment', 'Hold the first comment from a new e-mail address')}
      {box('holdMachineNames', 'Send comments from machine-made names (like “xreDavBVnbGqQA”) to spam')}
      {number('maxLinks', 'Hold comments with more links than', 0, 50)}
      {number('minFillSeconds', 'Minimum seconds to fill in the form', 0, 600)}
      {number('perIpLimit', 'Comments per IP address per window', 1, 1000)}
      {number('perAccountLimit', 'Comments per account per window', 1, 1000)}
      {number('rateWindowMinutes', 'Window (minutes)', 1, 1440)}
      {number('closeAfterDays', 'Close comments this many days after publication', 0, 3650, '0 keeps them open.')}
      <Field
        id="blocklist"
        label="Blocklist"
        errors={state.fieldErrors?.blocklist}
        hint="One per line: a word, an e-mail address or an IP address. Matching comments go to spam."
      >
        <textarea
          id="blocklist"
          name="blocklist"
          rows={6}
          defaultValue={v('blocklist')}
          aria-describedby="blocklist-hint"
          className="input font-mono"
        />
      </Field>
      <SubmitButton>Save comment rules</SubmitButton>
    </form>
  )
}
