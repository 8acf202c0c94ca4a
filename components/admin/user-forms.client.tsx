'use client'

import { useActionState } from 'react'
import {
  changeRoleAction,
  type InviteState,
  inviteStaffAction,
  setUserStatusAction,
} from '@/app/admin/(office)/users/actions'
import type { Role } from '@/db/schema'
import type { FormState } from '@/services/admin-action'
import { capabilities } from '@/lib/permissions'
import { Field } from './field'
import { SubmitButton } from './submit-button.client'

const staffRoles = capabilities['admin.access']
const allRoles: readonly Role[] = [...staffRoles, 'reader']
const roleLabel = (role: string) => role[0]!.toUpperCase() + role.slice(1)

export function InviteForm() {
  const [state, action] = useActionState<InviteState, FormData>(inviteStaffAction, {})
  const v = (name: string) => state.values?.[name] ?? ''
  const err = (name: string) => state.fieldErrors?.[name]
  const described = (name: string) => (err(name) ? `invite-${name}-error` : undefined)
  return (
    <div className="space-y-4">
      <form
        action={action}
        key={JSON.stringify(state.values ?? {})}
        className="grid gap-4 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-start"
      >
        <Field id="invite-name" label="Name" errors={err('name')}>
          <input
            id="invite-name"
            name="name"
            required
            autoComplete="off"
            defaultValue={v('name')}
            aria-describedby={described('name')}
            className="input"
          />
        </Field>
        <Field id="invite-email" label="Email" errors={err('email')}>
          <input
            id="invite-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            defaultValue={v('email')}
            aria-describedby={described('email')}
            className="input"
          />
        </Field>
        <Field id="invite-role" label="Role" errors={err('role')}>
          <select
            id="invite-role"
            name="role"
            defaultValue={v('role') || 'contributor'}
            aria-describedby={described('role')}
            className="input"
          >
            {staffRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </Field>
        <SubmitButton className="sm:mt-6">Send invite</SubmitButton>
      </form>
      {state.message && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
      {state.inviteUrl && (
        <div
          role="status"
          className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          <p className="font-semibold">Invite link (shown once)</p>
          <p className="mt-1">
            {state.mailed
              ? 'It was also sent to the new colleague by e-mail. It works once, for 7 days, and cannot be shown again.'
              : 'Send it to the new colleague yourself: it works once, for 7 days, and cannot be shown again.'}
          </p>
          <label htmlFor="invite-link" className="sr-only">
            Invite link
          </label>
          <input
            id="invite-link"
            readOnly
            value={state.inviteUrl}
            onFocus={(e) => e.currentTarget.select()}
            className="input font-mono"
          />
        </div>
      )}
    </div>
  )
}

export function UserRoleForm({ user }: { user: { id: number; name: string; role: Role } }) {
  const [state, action] = useActionState<FormState, FormData>(changeRoleAction, {})
  const id = `role-${user.id}`
  return (
    <form action={action} key={user.role} className="space-y-1">
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {user.name}
        </label>
        <select
          id={id}
          name="role"
          defaultValue={user.role}
          aria-describedby={state.message ? `${id}-error` : undefined}
          className="input mt-0 w-auto py-1"
        >
          {allRoles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" aria-label={`Change role of ${user.name}`} className="py-1">
          Change role
        </SubmitButton>
      </div>
      {state.message && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
    </form>
  )
}

export function UserStatusForm({ user }: { user: { id: number; name: string; status: string } }) {
  const [state, action] = useActionState<FormState, FormData>(setUserStatusAction, {})
  const reactivate = user.status === 'deactivated'
  const label = reactivate ? 'Reactivate' : 'Deactivate'
  return (
    <form action={action} key={user.status} className="space-y-1">
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="status" value={reactivate ? 'active' : 'deactivated'} />
      <SubmitButton variant={reactivate ? 'secondary' : 'danger'} aria-label={`${label} ${user.name}`} className="py-1">
        {label}
      </SubmitButton>
      {state.message && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
    </form>
  )
}
