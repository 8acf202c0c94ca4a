import { TextInput } from './field'
import type { FormFields } from './use-form.client'

/**
 * The e-mail and password of a sign-in, staff's and readers' alike. `username` and
 * `current-password` let a password manager fill the pair it saved for this site.
 */
export function SignInFields({ form }: { form: FormFields }) {
  return (
    <>
      <TextInput form={form} name="email" label="Email" type="email" autoComplete="username" required />
      <TextInput
        form={form}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
      />
    </>
  )
}
