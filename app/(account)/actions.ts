'use server'

import { hash } from '@node-rs/argon2'
import { AuthError } from 'next-auth'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { savingAction } from '@/services/admin-action'
import {
  consumeToken,
  createReader,
  issueToken,
  markEmailVerified,
  saveToList,
  setReaderPassword,
} from '@/db/mutations/readers'
import { getUserCredentials } from '@/db/queries/users'
import type { FormState as BaseState } from '@/services/admin-action'
import { googleConfigured, signIn, SignInLocked } from '@/services/auth'
import { lockedMessage } from '@/services/sign-in-limit'
import { mailConfigured } from '@/services/mail'
import { accountLimits, clientIp, limitAttempt, retryMessage, safeNext } from '@/services/reader'
import { accountLink, sendAccountMail } from '@/services/reader-mail'

/** `notice` is a success message; `message` is an error. */
export type FormState = BaseState & { notice?: string }

const hourMs = 60 * 60 * 1000
const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address.')).pipe(z.string().max(254))
const password = z.string().min(10, 'Use at least 10 characters.').max(512, 'Use at most 512 characters.')
const articleId = z.coerce.number().int().positive().optional().catch(undefined)

function fieldErrors(error: z.ZodError) {
  return {
    message: 'Please correct the highlighted fields.',
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
  }
}

const kept = (formData: FormData, ...keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, String(formData.get(k) ?? '')]))

/** Signs in with the password just checked, saves the article the reader was saving, and goes on. */
async function finishSignIn(emailAddress: string, pass: string, formData: FormData) {
  await signIn('credentials', { email: emailAddress, password: pass, redirect: false })
  const save = articleId.parse(formData.get('save') || undefined)
  const user = await getUserCredentials(emailAddress)
  if (save && user) await saveToList(user.id, save)
  redirect(safeNext(formData.get('next')))
}

const signUpInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(80, 'Keep your name under 80 characters.'),
  email,
  password,
})

export const signUpAction = savingAction(async function signUpAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = kept(formData, 'name', 'email')
  const parsed = signUpInput.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return { ...fieldErrors(parsed.error), values }
  const input = parsed.data
  const limit = await limitAttempt('signup', await clientIp(), input.email, accountLimits.signup)
  if (!limit.ok) return { message: retryMessage(limit.retryAfterSeconds), values }
  const id = await createReader({ name: input.name, email: input.email, passwordHash: await hash(input.password) })

  if (mailConfigured()) {
    // One answer whether or not the address already has an account; its owner learns which by mail.
    if (id) {
      const token = await issueToken(id, 'email-verify', 48 * hourMs)
      await sendAccountMail(input.email, 'Confirm your e-mail address', [
        `Hello ${input.name},`,
        `Confirm your address to finish creating your account:\n${accountLink(`/verify/${token}/`)}`,
        'If you did not sign up, ignore this message.',
      ])
    } else {
      await sendAccountMail(input.email, 'Someone tried to sign up with your address', [
        'Someone tried to create an account with this e-mail address, which already has one.',
        `Sign in: ${accountLink('/signin/')}\nForgot your password? ${accountLink('/reset/')}`,
      ])
    }
    return { notice: `Check your inbox: we sent a message to ${input.email} to finish signing up.`, values: {} }
  }
  // Without mail there is no private way to tell the owner, so a taken address is said plainly.
  if (!id)
    return {
      message: 'That e-mail address cannot be used to sign up. Sign in, or reset your password.',
      values,
    }
  await finishSignIn(input.email, input.password, formData)
  return {}
})

const signInInput = z.object({ email, password: z.string().min(1, 'Enter your password.').max(512) })

export const signInReaderAction = savingAction(async function signInReaderAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = kept(formData, 'email')
  const parsed = signInInput.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return { ...fieldErrors(parsed.error), values }
  const limit = await limitAttempt('signin', await clientIp(), parsed.data.email, accountLimits.signin)
  if (!limit.ok) return { message: retryMessage(limit.retryAfterSeconds), values }
  try {
    await finishSignIn(parsed.data.email, parsed.data.password, formData)
  } catch (error) {
    if (error instanceof SignInLocked) return { message: lockedMessage(error.retryAfterSeconds), values }
    // One message for an unknown e-mail, a wrong password or a disabled account.
    if (error instanceof AuthError) return { message: 'The e-mail or password is not correct.', values }
    throw error
  }
  return {}
})

const mailRequestInput = z.object({ email })

/** Password reset and sign-in links: the same answer whether an account exists or not. */
async function mailLink(formData: FormData, purpose: 'password-reset' | 'sign-in'): Promise<FormState> {
  const values = kept(formData, 'email')
  const parsed = mailRequestInput.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return { ...fieldErrors(parsed.error), values }
  const limit = await limitAttempt('mail', await clientIp(), parsed.data.email, accountLimits.mail)
  if (!limit.ok) return { message: retryMessage(limit.retryAfterSeconds), values }
  const user = await getUserCredentials(parsed.data.email)
  if (user && user.status === 'active') {
    if (purpose === 'password-reset') {
      const token = await issueToken(user.id, 'password-reset', hourMs)
      await sendAccountMail(user.email, 'Reset your password', [
        `Choose a new password within an hour:\n${accountLink(`/reset/${token}/`)}`,
        'If you did not ask for this, ignore this message: your password stays as it is.',
      ])
    } else {
      const token = await issueToken(user.id, 'sign-in', 15 * 60 * 1000)
      const next = safeNext(formData.get('next'))
      await sendAccountMail(user.email, 'Your sign-in link', [
        `Sign in within 15 minutes:\n${accountLink(`/signin/link/${token}/?next=${encodeURIComponent(next)}`)}`,
        'If you did not ask for this, ignore this message.',
      ])
    }
  }
  return {
    notice: `If ${parsed.data.email} has an account, a message is on its way. The link in it works once.`,
    values: {},
  }
}

export const requestResetAction = savingAction(async function requestResetAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return mailLink(formData, 'password-reset')
})

export const requestSignInLinkAction = savingAction(async function requestSignInLinkAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  if (!mailConfigured()) return { message: 'Sign-in by e-mail is not available on this site.' }
  return mailLink(formData, 'sign-in')
})

const resetInput = z
  .object({ token: z.string().min(1).max(200), password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ.' })

export const resetPasswordAction = savingAction(async function resetPasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = resetInput.safeParse(Object.fromEntries(formData))
  if (!parsed.success) return fieldErrors(parsed.error)
  const userId = await consumeToken(parsed.data.token, 'password-reset')
  if (!userId) return { message: 'This link has expired or was already used. Ask for a new one.' }
  await setReaderPassword(userId, await hash(parsed.data.password))
  // Whoever holds the mailbox could have signed in with a link too; the address is now confirmed.
  await markEmailVerified(userId)
  redirect('/signin/?reset=1')
})

export const signInWithLinkAction = savingAction(async function signInWithLinkAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  try {
    await signIn('email-link', { token: String(formData.get('token') ?? ''), redirect: false })
  } catch (error) {
    if (error instanceof AuthError) return { message: 'This link has expired or was already used. Ask for a new one.' }
    throw error
  }
  redirect(safeNext(formData.get('next')))
})

/** The link in a sign-up confirmation: confirms the address, then signs the new reader in. */
export const confirmEmailAction = savingAction(async function confirmEmailAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const userId = await consumeToken(String(formData.get('token') ?? ''), 'email-verify')
  if (!userId) return { message: 'This link has expired or was already used. Sign in, or sign up again.' }
  await markEmailVerified(userId)
  await signIn('email-link', { token: await issueToken(userId, 'sign-in', 60 * 1000), redirect: false })
  redirect('/account/?welcome=1')
})

/** "Sign in with Google": the action exists in every build, so without Google's keys it does nothing. */
export async function signInWithGoogleAction(formData: FormData) {
  if (!googleConfigured()) return
  await signIn('google', { redirectTo: safeNext(formData.get('next')) })
}
