'use server'

import { refresh } from 'next/cache'
import { headers } from 'next/headers'
import { z } from 'zod'
import { addContributorProfile, changeRole, inviteUser, setUserStatus, UserMutationError } from '@/db/mutations/users'
import { roles } from '@/db/schema'
import { type FormState, staffAction } from '@/services/admin-action'
import { mailConfigured } from '@/services/mail'
import { capabilities } from '@/lib/permissions'
import { sendAccountMail } from '@/services/reader-mail'
import { env } from '@/lib/env'

export type InviteState = FormState & { inviteUrl?: string; mailed?: boolean }

const userId = z.coerce.number().int().positive()

const inviteInput = z.object({
  name: z.string().trim().min(2, 'Enter the person’s name.').max(120),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid e-mail address.')),
  role: z.enum(capabilities['admin.access'], 'Choose a role.'),
})

const invite = staffAction('users.manage', inviteInput, async (input, user): Promise<InviteState> => {
  let token: string
  try {
    token = (await inviteUser(input, user.id)).token
  } catch (error) {
    if (error instanceof UserMutationError && error.code === 'email-taken')
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: { email: ['Someone already has an account with this e-mail address.'] },
      }
    throw error
  }
  // The link is shown to the admin once; with a mail server it also goes to the invitee. Without one
  // it is not written to the outbox, which would leave a working link in a file on the server.
  const inviteUrl = `${await siteOrigin()}/admin/invite/${token}/`
  const mailed = mailConfigured()
  if (mailed)
    await sendAccountMail(input.email, 'You are invited to the newsroom', [
      `Hello ${input.name},`,
      `${user.name} invited you to join the newsroom as ${input.role}. Choose your password within 7 days:\n${inviteUrl}`,
    ])
  refresh()
  return { inviteUrl, mailed, values: {} }
})

/** Invites a staff member; on success the state carries the one-time invite link. */
export async function inviteStaffAction(prev: InviteState, formData: FormData): Promise<InviteState> {
  return invite(prev, formData)
}

export const addContributorProfileAction = staffAction(
  'users.manage',
  z.object({
    name: z.string().trim().min(2, 'Enter the name to print on the byline.').max(120),
    jobTitle: z
      .string()
      .trim()
      .max(120, 'Keep the job title under 120 characters.')
      .optional()
      .transform((v) => v || null),
  }),
  async (input, user) => {
    await addContributorProfile(input, user.id)
    refresh()
    return { values: {} }
  },
)

const lastAdminMessage = 'This is the only active admin. Make someone else an admin first.'

export const changeRoleAction = staffAction(
  'users.manage',
  z.object({ userId, role: z.enum(roles, 'Choose a role.') }),
  async (input, user) => {
    // Admins cannot lock themselves out by accident; another admin can change their role.
    if (input.userId === user.id) return { message: 'You cannot change your own role.' }
    try {
      await changeRole(input.userId, input.role, user.id)
    } catch (error) {
      if (error instanceof UserMutationError && error.code === 'last-admin') return { message: lastAdminMessage }
      if (error instanceof UserMutationError && error.code === 'not-found')
        return { message: 'This user no longer exists.' }
      throw error
    }
    refresh()
  },
)

export const setUserStatusAction = staffAction(
  'users.manage',
  z.object({ userId, status: z.enum(['active', 'deactivated']) }),
  async (input, user) => {
    if (input.userId === user.id) return { message: 'You cannot deactivate your own account.' }
    try {
      await setUserStatus(input.userId, input.status, user.id)
    } catch (error) {
      if (error instanceof UserMutationError && error.code === 'last-admin') return { message: lastAdminMessage }
      if (error instanceof UserMutationError && error.code === 'not-found')
        return { message: 'This user no longer exists.' }
      throw error
    }
    refresh()
  },
)

async function siteOrigin() {
  if (env.SITE_URL) return env.SITE_URL.replace(/\/$/, '')
  const h = await headers()
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? `localhost:${env.PORT}`
  const proto = h.get('x-forwarded-proto')?.split(',')[0] ?? 'http'
  return `${proto}://${host}`
}
