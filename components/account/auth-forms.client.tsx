'use client'

import { TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { SignInFields } from '@/components/ui/sign-in-fields'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { SubmitButton } from '@/components/admin/submit-button.client'

type Carry = { next?: string; save?: string }

function CarryFields({ next, save }: Carry) {
  return (
    <>
      {next && <input type="hidden" name="next" value={next} />}
      {save && <input type="hidden" name="save" value={save} />}
    </>
  )
}

export function SignUpForm({ action, ...carry }: Carry & { action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <CarryFields {...carry} />
      <TextInput form={form} name="name" label="Name" autoComplete="name" required maxLength={80} />
      <TextInput form={form} name="email" label="Email" type="email" autoComplete="email" required />
      <TextInput
        form={form}
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
      />
      <FormMessage message={form.state.message} notice={form.state.notice} />
      <SubmitButton className="w-full">Create account</SubmitButton>
    </form>
  )
}

export function SignInForm({ action, ...carry }: Carry & { action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <CarryFields {...carry} />
      <SignInFields form={form} />
      <FormMessage message={form.state.message} />
      <SubmitButton className="w-full">Sign in</SubmitButton>
    </form>
  )
}

/** One e-mail field that mails a link: `purpose` picks the field's id, the button and its weight. */
export function MailLinkForm({
  purpose,
  next,
  action,
}: {
  purpose: 'reset' | 'sign-in'
  next?: string
  action: FormAction
}) {
  const [form, formAction] = useForm(action, { idPrefix: purpose === 'reset' ? 'reset-' : 'link-' })
  return (
    <form action={formAction} className="space-y-4">
      {next && <input type="hidden" name="next" value={next} />}
      <TextInput form={form} name="email" label="Email" type="email" autoComplete="email" required />
      <FormMessage message={form.state.message} notice={form.state.notice} />
      <SubmitButton variant={purpose === 'reset' ? 'primary' : 'secondary'} className="w-full">
        {purpose === 'reset' ? 'Send reset link' : 'Email me a sign-in link'}
      </SubmitButton>
    </form>
  )
}

export function ResetPasswordForm({ token, action }: { token: string; action: FormAction }) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextInput
        form={form}
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
      />
      <TextInput
        form={form}
        name="confirm"
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
      />
      <FormMessage message={form.state.message} />
      <SubmitButton className="w-full">Set new password</SubmitButton>
    </form>
  )
}

/** Links in mail are opened by scanners too; the one-time token is only spent by this button. */
export function ConfirmLinkForm({
  token,
  next,
  kind,
  action,
}: {
  token: string
  next?: string
  kind: 'sign-in' | 'verify'
  action: FormAction
}) {
  const [form, formAction] = useForm(action)
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {next && <input type="hidden" name="next" value={next} />}
      <FormMessage message={form.state.message} />
      <SubmitButton className="w-full">{kind === 'sign-in' ? 'Sign in' : 'Confirm and sign in'}</SubmitButton>
    </form>
  )
}
