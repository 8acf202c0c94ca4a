import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { findInvite } from '@/db/mutations/users'
import { getSiteSettings } from '@/db/queries/settings'
import { AcceptInviteForm } from '@/components/admin/accept-invite-form.client'
import { acceptInviteAction } from './actions'

// The token is in the URL: keep it out of Referer headers sent to anything this page loads.
export const metadata: Metadata = { title: 'Choose a password', referrer: 'no-referrer' }

export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const invite = /^[\w-]{43}$/.test(token) ? await findInvite(token) : undefined
  if (!invite) notFound()
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-16">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{(await getSiteSettings()).name}</p>
      <h1 className="mb-2 text-2xl font-bold">Choose a password</h1>
      <p className="mb-6 text-sm">
        Welcome, {invite.name}. Set a password for <strong>{invite.email}</strong> to finish joining the newsroom.
      </p>
      <AcceptInviteForm action={acceptInviteAction.bind(null, token)} />
    </main>
  )
}
