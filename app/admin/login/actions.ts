'use server'

import { AuthError } from 'next-auth'
import type { FormState } from '@/services/admin-action'
import { signIn, SignInLocked } from '@/services/auth'
import { lockedMessage } from '@/services/sign-in-limit'

/** Only paths inside the back office: a callbackUrl can never send someone to another site. */
function safeCallback(value: FormDataEntryValue | null) {
  const path = typeof value === 'string' ? value : ''
  return /^\/admin(\/[\w\-/]*)?$/.test(path) && !path.startsWith('/admin/login') ? path : '/admin/'
}

export async function signInWithPassword(_prev: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get('email') ?? '').trim()
  try {
    await signIn('credentials', {
      email,
      password: String(formData.get('password') ?? ''),
      redirectTo: safeCallback(formData.get('callbackUrl')),
    })
  } catch (error) {
    if (error instanceof SignInLocked) return { message: lockedMessage(error.retryAfterSeconds), values: { email } }
    // One message for an unknown e-mail, a wrong password or a disabled account.
    if (error instanceof AuthError) return { message: 'The e-mail or password is not correct.', values: { email } }
    throw error
  }
  return {}
}
