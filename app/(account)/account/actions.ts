'use server'

import { hash, verify } from '@node-rs/argon2'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { savingAction } from '@/services/admin-action'
import {
  createList,
  deleteList,
  deleteReader,
  moveToList,
  removeFromList,
  renameList,
  renameReader,
  setReaderPassword,
  signOutEverywhere,
} from '@/db/mutations/readers'
import { getUserCredentials } from '@/db/queries/users'
import type { FormState } from '@/app/(account)/actions'
import { requireReader, signOut } from '@/services/auth'

const listName = z.string().trim().min(1).max(80)
const id = z.coerce.number().int().positive()

export const updateNameAction = savingAction(async function updateNameAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const reader = await requireReader()
  const parsed = z
    .object({ name: z.string().trim().min(1, 'Enter your name.').max(80, 'Keep your name under 80 characters.') })
    .safeParse(Object.fromEntries(formData))
  if (!parsed.success)
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      values: { name: String(formData.get('name') ?? '') },
    }
  await renameReader(reader.id, parsed.data.name)
  return { notice: 'Your name was saved.', values: { name: parsed.data.name } }
})

export const changePasswordAction = savingAction(async function changePasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const reader = await requireReader()
  const parsed = z
    .object({
      current: z.string().max(512),
      password: z.string().min(10, 'Use at least 10 characters.').max(512, 'Use at most 512 characters.'),
    })
    .safeParse(Object.fromEntries(formData))
  if (!parsed.success)
    return {
      message: 'Please correct the highlighted fields.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    }
  const user = await getUserCredentials(reader.email)
  // Accounts made by Google or an e-mail link have no password yet: they set one without the old.
  if (user?.passwordHash && !(await verify(user.passwordHash, parsed.data.current).catch(() => false)))
    return { message: 'Your current password is not correct.', fieldErrors: { current: ['Not correct.'] } }
  // The new password signs out every other device; this one signs in again with it.
  await setReaderPassword(reader.id, await hash(parsed.data.password))
  await signOut({ redirectTo: '/signin/?next=/account/' })
  return {}
})

export async function signOutAction() {
  await signOut({ redirectTo: '/' })
}

export async function signOutEverywhereAction() {
  const reader = await requireReader()
  await signOutEverywhere(reader.id)
  await signOut({ redirectTo: '/' })
}

export const deleteAccountAction = savingAction(async function deleteAccountAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const reader = await requireReader()
  if (
    String(formData.get('confirm') ?? '')
      .trim()
      .toUpperCase() !== 'DELETE'
  )
    return { message: 'Type DELETE to confirm.', fieldErrors: { confirm: ['Type DELETE to confirm.'] } }
  if (reader.role !== 'reader') return { message: 'Staff accounts are closed by an administrator, not from here.' }
  await deleteReader(reader.id)
  await signOut({ redirectTo: '/?account=deleted' })
  return {}
})

// The list forms are plain server forms; their outcome travels as a code in the URL, never as text.
const listsPage = (done: string) => redirect(`/account/lists/?done=${done}`)

export async function createListAction(formData: FormData) {
  const reader = await requireReader('/account/lists/')
  const name = listName.safeParse(formData.get('name'))
  if (!name.success) listsPage('invalid-name')
  await createList(reader.id, name.data!)
  listsPage('created')
}

export async function renameListAction(formData: FormData) {
  const reader = await requireReader('/account/lists/')
  const listId = id.safeParse(formData.get('listId'))
  const name = listName.safeParse(formData.get('name'))
  if (!listId.success || !name.success) listsPage('invalid-name')
  listsPage((await renameList(reader.id, listId.data!, name.data!)) ? 'renamed' : 'not-found')
}

export async function deleteListAction(formData: FormData) {
  const reader = await requireReader('/account/lists/')
  const listId = id.safeParse(formData.get('listId'))
  listsPage(listId.success && (await deleteList(reader.id, listId.data)) ? 'deleted' : 'not-found')
}

export async function removeSavedAction(formData: FormData) {
  const reader = await requireReader('/account/lists/')
  const listId = id.safeParse(formData.get('listId'))
  const articleId = id.safeParse(formData.get('articleId'))
  if (!listId.success || !articleId.success) listsPage('not-found')
  listsPage((await removeFromList(reader.id, articleId.data!, listId.data!)) > 0 ? 'removed' : 'not-found')
}

export async function moveSavedAction(formData: FormData) {
  const reader = await requireReader('/account/lists/')
  const from = id.safeParse(formData.get('listId'))
  const to = id.safeParse(formData.get('toListId'))
  const articleId = id.safeParse(formData.get('articleId'))
  if (!from.success || !to.success || !articleId.success) listsPage('not-found')
  listsPage((await moveToList(reader.id, articleId.data!, from.data!, to.data!)) ? 'moved' : 'not-found')
}
