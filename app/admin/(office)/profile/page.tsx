import type { Metadata } from 'next'
import Link from 'next/link'
import { getOwnProfile } from '@/db/queries/admin-users'
import { PasswordForm, ProfileForm } from '@/components/admin/profile-forms.client'
import { requireStaff } from '@/services/auth'
import { authorPath } from '@/lib/urls'
import { changePasswordAction, updateProfileAction } from './actions'

export const metadata: Metadata = { title: 'Profile' }

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireStaff()
  const [profile, { saved }] = await Promise.all([getOwnProfile(user), searchParams])
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Your profile</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {profile.email} · {profile.role}
          </p>
        </div>
        {profile.slug && (
          <Link href={authorPath(profile.slug)} className="text-sm font-semibold underline">
            View author page
          </Link>
        )}
      </div>
      {saved === 'profile' && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          Profile saved.
        </p>
      )}
      <div className="grid gap-8 lg:grid-cols-2">
        <section
          aria-labelledby="profile-heading"
          className="rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="profile-heading" className="mb-3 font-bold">
            Details
          </h2>
          <ProfileForm
            action={updateProfileAction}
            profile={{
              name: profile.name,
              jobTitle: profile.jobTitle ?? '',
              bio: profile.bio ?? '',
              avatarId: profile.avatarId,
            }}
            avatars={profile.avatars.map((m) => ({ id: m.id, label: m.alt || m.originalName || `Image ${m.id}` }))}
          />
        </section>
        <section
          aria-labelledby="password-heading"
          className="rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="password-heading" className="mb-3 font-bold">
            Change password
          </h2>
          <PasswordForm action={changePasswordAction} />
        </section>
      </div>
    </>
  )
}
