'use client'

import { useActionState } from 'react'
import {
  confirmEmailAction,
  type FormState,
  requestResetAction,
  requestSignInLinkAction,
  resetPasswordAction,
  signInReaderAction,
  signInWithLinkAction,
  signUpAction,
} from '@/app/(account)/actions'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { FormMessage, TextField } from './form-parts'

type Carry = { next?: string; save?: string }

function CarryFields({ next, save }: Carry) {
  return (
    <>
      {next && <input type="hidden" name="next" value={next} />}
      {save && <input type="hidden" name="save" value={save} />}
    </>
  )
}

export function SignUpForm(carry: Carry) {
  const [state, action] = useActionState<FormState, FormData>(signUpAction, {})
  const e = state.fieldErrors ?? {}
  return (
    <form action={action} className="space-y-4">
      <CarryFields {...carry} />
      <TextField
        id="name"
        label="Name"
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values?.name}
        errors={e.name}
      />
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={e.email}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        errors={e.password}
      />
      <FormMessage message={state.message} notice={state.notice} />
      <SubmitButton className="w-full">Create account</SubmitButton>
    </form>
  )
}

export function SignInForm(carry: Carry) {
  const [state, action] = useActionState<FormState, FormData>(signInReaderAction, {})
  const e = state.fieldErrors ?? {}
  return (
    <form action={action} className="space-y-4">
      <CarryFields {...carry} />
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        errors={e.email}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        errors={e.password}
      />
      <FormMessage message={state.message} />
      <SubmitButton className="w-full">Sign in</SubmitButton>
    </form>
  )
}

export function MailLinkForm({ purpose, next }: { purpose: 'reset' | 'sign-in'; next?: string }) {
  const [state, action] = useActionState<FormState, FormData>(
    purpose === 'reset' ? requestResetAction : requestSignInLinkAction,
    {},
  )
  const id = purpose === 'reset' ? 'reset-email' : 'link-email'
  return (
    <form action={action} className="space-y-4">
      {next && <input type="hidden" name="next" value={next} />}
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          Email
        </label>
        <input
          id={id}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          className="input"
        />
        {state.fieldErrors?.email && (
          <p className="mt-1 text-sm text-red-700 dark:text-red-400">{state.fieldErrors.email.join(' ')}</p>
        )}
      </div>
      <FormMessage message={state.message} notice={state.notice} />
      <SubmitButton variant={purpose === 'reset' ? 'primary' : 'secondary'} className="w-full">
        {purpose === 'reset' ? 'Send reset link' : 'Email me a sign-in link'}
      </SubmitButton>
    </form>
  )
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState<FormState, FormData>(resetPasswordAction, {})
  const e = state.fieldErrors ?? {}
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        errors={e.password}
      />
      <TextField
        id="confirm"
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
        errors={e.confirm}
      />
      <FormMessage message={state.message} />
      <SubmitButton className="w-full">Set new password</SubmitButton>
    </form>
  )
}

/** Links in mail are opened by scanners too; the one-time token is only spent by this button. */
export function ConfirmLinkForm({ token, next, kind }: { token: string; next?: string; kind: 'sign-in' | 'verify' }) {
  const [state, action] = useActionState<FormState, FormData>(
    kind === 'sign-in' ? signInWithLinkAction : confirmEmailAction,
    {},
  )
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {next && <input type="hidden" name="next" value={next} />}
      <FormMessage message={state.message} />
      <SubmitButton className="w-full">{kind === 'sign-in' ? 'Sign in' : 'Confirm and sign in'}</SubmitButton>
    </form>
  )
}
