import type { Metadata } from 'next'
import { ConfirmLinkForm } from '@/components/account/auth-forms.client'
import { safeNext } from '@/services/reader'
import { signInWithLinkAction } from '../../../actions'

export const metadata: Metadata = { title: 'Sign in', robots: { index: false }, referrer: 'no-referrer' }

export default async function LinkSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>
  searchParams: Promise<{ next?: string }>
}) {
  const [{ token }, { next }] = await Promise.all([params, searchParams])
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-10">
      <h1 className="mb-6 font-serif text-3xl font-black">Sign in</h1>
      <ConfirmLinkForm kind="sign-in" token={token.slice(0, 200)} next={safeNext(next)} action={signInWithLinkAction} />
    </main>
  )
}
