'use client'

import { TextArea, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from './submit-button.client'

/** The comment moderation rules as form strings; booleans are "on" or "". */
export type CommentRulesValues = Record<string, string>

export function CommentRulesForm({ rules, action }: { rules: CommentRulesValues; action: FormAction }) {
  const [form, formAction] = useForm(action, { stored: rules })
  const number = (name: string, label: string, min: number, max: number, hint?: string) => (
    <TextInput
      form={form}
      name={name}
      label={label}
      hint={hint}
      type="number"
      min={min}
      max={max}
      required
      className="input w-32"
    />
  )
  const box = (name: string, label: string) => (
    <div className="flex items-center gap-2">
      <input id={name} name={name} type="checkbox" defaultChecked={form.checked(name)} className="size-4" />
      <label htmlFor={name} className="text-sm font-medium">
        {label}
      </label>
    </div>
  )
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage message={form.state.message} />
      {box('holdFirstComment', 'Hold the first comment from a new e-mail address')}
      {box('holdMachineNames', 'Send comments from machine-made names (like “xreDavBVnbGqQA”) to spam')}
      {number('maxLinks', 'Hold comments with more links than', 0, 50)}
      {number('minFillSeconds', 'Minimum seconds to fill in the form', 0, 600)}
      {number('perIpLimit', 'Comments per IP address per window', 1, 1000)}
      {number('perAccountLimit', 'Comments per account per window', 1, 1000)}
      {number('rateWindowMinutes', 'Window (minutes)', 1, 1440)}
      {number('closeAfterDays', 'Close comments this many days after publication', 0, 3650, '0 keeps them open.')}
      <TextArea
        form={form}
        name="blocklist"
        label="Blocklist"
        hint="One per line: a word, an e-mail address or an IP address. Matching comments go to spam."
        rows={6}
        className="input font-mono"
      />
      <SubmitButton>Save comment rules</SubmitButton>
    </form>
  )
}
