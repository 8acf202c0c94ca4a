import type { Metadata } from 'next'
import Link from 'next/link'
import { listUsersAdmin } from '@/db/queries/admin-users'
import { InviteForm, UserRoleForm, UserStatusForm } from '@/components/admin/user-forms.client'
import { requireStaff } from '@/services/auth'
import { Pager } from '@/components/admin/pager'
import { ContributorProfileForm } from '@/components/admin/contributor-profile-form.client'

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
        <InviteForm />
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
        <ContributorProfileForm />
      </section>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">{total} accounts</p>
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-zinc-300 dark:border-zinc-700">
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Email
              </th>
              <th scope="col" className="py-2 pr-4">
                Status
              </th>
              <th scope="col" className="py-2 pr-4">
                Articles
              </th>
              <th scope="col" className="py-2 pr-4">
                Role
              </th>
              <th scope="col" className="py-2">
                Access
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-b border-zinc-200 align-top dark:border-zinc-800">
                <th scope="row" className="py-2 pr-4 font-medium">
                  {u.name}
                </th>
                <td className="py-2 pr-4">{u.status === 'profile' ? '—' : u.email}</td>
                <td className="py-2 pr-4">{u.status === 'profile' ? 'profile, no login' : u.status}</td>
                <td className="py-2 pr-4">{u.articleCount}</td>
                {u.id === me.id ? (
                  <>
                    <td className="py-2 pr-4">{u.role}</td>
                    <td className="py-2 text-zinc-600 dark:text-zinc-400">You</td>
                  </>
                ) : (
                  <>
                    <td className="py-2 pr-4">
                      <UserRoleForm user={{ id: u.id, name: u.name, role: u.role }} />
                    </td>
                    <td className="py-2">
                      {u.status === 'profile' ? (
                        <span className="text-zinc-600 dark:text-zinc-400">No login</span>
                      ) : (
                        <UserStatusForm user={{ id: u.id, name: u.name, status: u.status }} />
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageCount={pageCount} href={href} />
    </>
  )
}
