import type { Metadata } from 'next'
import Link from 'next/link'
import { ResetPasswordForm } from '@/components/account/auth-forms.client'
import { peekToken } from '@/db/mutations/readers'
import { resetPasswordAction } from '../../actions'

export const metadata: Metadata = { title: 'Choose a new password', robots: { index: false }, referrer: 'no-referrer' }

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const live = token.length <= 200 && !!(await peekToken(token, 'password-reset'))
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-10">
      <h1 className="mb-6 font-serif text-3xl font-black">Choose a new password</h1>
      {live ? (
        <ResetPasswordForm token={token} action={resetPasswordAction} />
      ) : (
        <p>
          This link has expired or was already used.{' '}
          <Link href="/reset/" className="font-semibold underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </main>
  )
}
