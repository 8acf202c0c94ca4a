import type { Metadata } from 'next'
import { MailLinkForm } from '@/components/account/auth-forms.client'
import { requestResetAction } from '../actions'

export const metadata: Metadata = { title: 'Reset your password', robots: { index: false } }

export default function ResetRequestPage() {
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-10">
      <h1 className="mb-2 font-serif text-3xl font-black">Reset your password</h1>
      <p className="mb-6 text-sm text-zinc-700 dark:text-zinc-300">
        Enter the e-mail address of your account and we will send you a link to choose a new password.
      </p>
      <MailLinkForm purpose="reset" action={requestResetAction} />
    </main>
  )
}
