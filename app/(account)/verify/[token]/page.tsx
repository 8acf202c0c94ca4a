import type { Metadata } from 'next'
import { ConfirmLinkForm } from '@/components/account/auth-forms.client'
import { confirmEmailAction } from '../../actions'

export const metadata: Metadata = {
  title: 'Confirm your e-mail address',
  robots: { index: false },
  referrer: 'no-referrer',
}

export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-10">
      <h1 className="mb-6 font-serif text-3xl font-black">Confirm your e-mail address</h1>
      <ConfirmLinkForm kind="verify" token={token.slice(0, 200)} action={confirmEmailAction} />
    </main>
  )
}
