'use client'

import type { Role } from '@/db/schema'
import { Select, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, type FormState, useForm } from '@/components/ui/use-form.client'
import { capabilities } from '@/lib/permissions'
import { SubmitButton } from './submit-button.client'

type InviteState = FormState & { inviteUrl?: string; mailed?: boolean }

const staffRoles = capabilities['admin.access']
const allRoles: readonly Role[] = [...staffRoles, 'reader']
const roleLabel = (role: string) => role[0]!.toUpperCase() + role.slice(1)

export function InviteForm({ action }: { action: FormAction<InviteState> }) {
  const [form, formAction] = useForm(action, { idPrefix: 'invite-' })
  const { state } = form
  return (
    <div className="space-y-4">
      <form
        action={formAction}
        key={form.key()}
        className="grid gap-4 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-start"
      >
        <TextInput form={form} name="name" label="Name" required autoComplete="off" />
        <TextInput form={form} name="email" label="Email" type="email" required autoComplete="off" />
        <Select form={form} name="role" label="Role" defaultValue={form.value('role') || 'contributor'}>
          {staffRoles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </Select>
        <SubmitButton className="sm:mt-6">Send invite</SubmitButton>
      </form>
      <FormMessage message={state.message} inline className="font-medium" />
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

export function UserRoleForm({ user, action }: { user: { id: number; name: string; role: Role }; action: FormAction }) {
  const [{ state }, formAction] = useForm(action)
  const id = `role-${user.id}`
  return (
    <form action={formAction} key={user.role} className="space-y-1">
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
      <FormMessage id={`${id}-error`} message={state.message} inline />
    </form>
  )
}

export function UserStatusForm({
  user,
  action,
}: {
  user: { id: number; name: string; status: string }
  action: FormAction
}) {
  const [{ state }, formAction] = useForm(action)
  const reactivate = user.status === 'deactivated'
  const label = reactivate ? 'Reactivate' : 'Deactivate'
  return (
    <form action={formAction} key={user.status} className="space-y-1">
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="status" value={reactivate ? 'active' : 'deactivated'} />
      <SubmitButton variant={reactivate ? 'secondary' : 'danger'} aria-label={`${label} ${user.name}`} className="py-1">
        {label}
      </SubmitButton>
      <FormMessage message={state.message} inline />
    </form>
  )
}
