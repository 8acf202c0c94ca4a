import type { Metadata } from 'next'
import Link from 'next/link'
import { listUsersAdmin } from '@/db/queries/admin-users'
import { InviteForm, UserRoleForm, UserStatusForm } from '@/components/admin/user-forms.client'
import { requireStaff } from '@/services/auth'
import { DataTable } from '@/components/ui/data-table'
import { Pager } from '@/components/admin/pager'
import { ContributorProfileForm } from '@/components/admin/contributor-profile-form.client'
import { addContributorProfileAction, changeRoleAction, inviteStaffAction, setUserStatusAction } from './actions'

export const metadata: Metadata = { title: 'Users' }

export default async function UsersAdminPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const me = await requireStaff('users.manage')
  const sp = await searchParams
  const page = /^[1-9]\d{0,5}$/.test(sp.page ?? '') ? Number(sp.page) : 1
  const { rows, total, pageCount } = await listUsersAdmin({ page })
  const href = (p: number) => (p > 1 ? `/admin/users/?page=${p}` : '/admin/users/')
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Users</h1>
        <Link href="/admin/audit/" className="text-sm font-semibold underline">
          Audit log
        </Link>
      </div>
      <section
        aria-labelledby="invite-heading"
        className="mb-8 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="invite-heading" className="mb-3 font-bold">
          Invite staff
        </h2>
        <InviteForm action={inviteStaffAction} />
      </section>
      <section
        aria-labelledby="profile-heading"
        className="mb-8 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="profile-heading" className="font-bold">
          Add a contributor profile (no login)
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          For bylines of people who never sign in, such as freelancers and print columnists. Editors choose them as an
          article&rsquo;s author.
        </p>
        <ContributorProfileForm action={addContributorProfileAction} />
      </section>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">{total} accounts</p>
      <DataTable
        caption="Accounts"
        rows={rows}
        alignTop
        columns={[
          { header: 'Name', rowHeader: true, className: 'font-medium', cell: (u) => u.name },
          { header: 'Email', cell: (u) => (u.status === 'profile' ? '—' : u.email) },
          { header: 'Status', cell: (u) => (u.status === 'profile' ? 'profile, no login' : u.status) },
          { header: 'Articles', cell: (u) => u.articleCount },
          {
            header: 'Role',
            cell: (u) =>
              u.id === me.id ? (
                u.role
              ) : (
                <UserRoleForm user={{ id: u.id, name: u.name, role: u.role }} action={changeRoleAction} />
              ),
          },
          {
            header: 'Access',
            cell: (u) =>
              u.id === me.id ? (
                <span className="text-zinc-600 dark:text-zinc-400">You</span>
              ) : u.status === 'profile' ? (
                <span className="text-zinc-600 dark:text-zinc-400">No login</span>
              ) : (
                <UserStatusForm user={{ id: u.id, name: u.name, status: u.status }} action={setUserStatusAction} />
              ),
          },
        ]}
      />
      <Pager page={page} pageCount={pageCount} href={href} />
    </>
  )
}
