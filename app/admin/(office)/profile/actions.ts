'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { changePassword, updateProfile, UserMutationError } from '@/db/mutations/users'
import { staffAction } from '@/services/admin-action'
import { signOut } from '@/services/auth'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)

const profileInput = z.object({
  name: z.string().trim().min(2, 'Enter your name.').max(120),
  jobTitle: optionalText(120),
  bio: optionalText(2000),
  avatarId: z
    .union([z.literal(''), z.coerce.number().int().positive()])
    .optional()
    .transform((v) => (v ? v : null)),
})

export const updateProfileAction = staffAction('admin.access', profileInput, async (input, user) => {
  try {
    await updateProfile(user.id, input)
  } catch (error) {
    if (error instanceof UserMutationError && error.code === 'no-media')
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { avatarId: ['That image is no longer in the media library.'] },
      }
    throw error
  }
  redirect('/admin/profile/?saved=profile')
})

const passwordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(512),
    newPassword: z.string().min(10, 'Use at least 10 characters.').max(512, 'Use at most 512 characters.'),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  })

export const changePasswordAction = staffAction('admin.access', passwordInput, async (input, user) => {
  try {
    await changePassword(user.id, input.currentPassword, input.newPassword)
  } catch (error) {
    if (error instanceof UserMutationError && error.code === 'wrong-password')
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { currentPassword: ['The current password is not correct.'] },
      }
    throw error
  }
  // The bumped sessionVersion already voids every session; this also clears the cookie here.
  await signOut({ redirectTo: '/admin/login/' })
})
