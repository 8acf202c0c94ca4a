import type { Metadata } from 'next'
import { DeleteAccountForm, NameForm, PasswordForm } from '@/components/account/account-forms.client'
import { AccountNav } from '@/components/account/account-nav'
import { FormMessage } from '@/components/ui/form-message'
import { getAccountProfile } from '@/db/queries/account'
import { requireReader } from '@/services/auth'
import {
  changePasswordAction,
  deleteAccountAction,
  signOutAction,
  signOutEverywhereAction,
  updateNameAction,
} from './actions'

export const metadata: Metadata = { title: 'Your account', robots: { index: false } }

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="border-t border-zinc-200 py-6 dark:border-zinc-800">
      <h2 id={id} className="mb-3 text-lg font-bold">
        {title}
      </h2>
      {children}
    </section>
  )
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const reader = await requireReader('/account/')
  const profile = (await getAccountProfile(reader.id))!
  const { welcome } = await searchParams
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="mb-6 font-serif text-3xl font-black">Your account</h1>
      <AccountNav current="/account/" />
      {welcome && <FormMessage notice="Your e-mail address is confirmed. Welcome!" />}
      <Section id="profile-heading" title="Profile">
        <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
          Signed in as <strong>{profile.email}</strong>
          {profile.emailVerifiedAt ? ' (confirmed)' : ' (not confirmed yet)'}.
        </p>
        <NameForm name={profile.name} action={updateNameAction} />
      </Section>
      <Section id="password-heading" title="Password">
        <PasswordForm hasPassword={!!profile.hasPassword} action={changePasswordAction} />
      </Section>
      <Section id="devices-heading" title="Devices">
        <div className="flex flex-wrap gap-3">
          <form action={signOutAction}>
            <button type="submit" className="btn btn-secondary">
              Sign out
            </button>
          </form>
          <form action={signOutEverywhereAction}>
            <button type="submit" className="btn btn-secondary">
              Sign out of all devices
            </button>
          </form>
        </div>
      </Section>
      <Section id="data-heading" title="Your data">
        <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
          Everything we keep about you: your profile, reading lists and comments, as JSON.
        </p>
        <a href="/account/data/" download className="btn btn-secondary inline-block">
          Download my data
        </a>
      </Section>
      {reader.role === 'reader' && (
        <Section id="delete-heading" title="Delete account">
          <p className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
            Your reading lists are deleted. Your comments stay, without your name or e-mail address.
          </p>
          <DeleteAccountForm action={deleteAccountAction} />
        </Section>
      )}
    </main>
  )
}
