'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { acceptInvite, UserMutationError } from '@/db/mutations/users'
import type { FormState } from '@/services/admin-action'

const passwordInput = z
  .object({
    password: z.string().min(10, 'Use at least 10 characters.').max(512, 'Use at most 512 characters.'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match.',
  })

/**
 * Public on purpose: the invite token is the authorization. It is bound on the server when the page
 * renders, and checked again (unused, unexpired, account still invited) before anything is written.
 */
export async function acceptInviteAction(token: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = passwordInput.safeParse(Object.fromEntries(formData))
  if (!parsed.success)
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    }
  try {
    if (typeof token !== 'string' || token.length > 100) throw new UserMutationError('invalid-token')
    await acceptInvite(token, parsed.data.password)
  } catch (error) {
    if (error instanceof UserMutationError && error.code === 'invalid-token')
      return { message: 'This invitation has already been used or has expired. Ask an admin for a new link.' }
    throw error
  }
  redirect('/admin/login/?invited=1')
}
