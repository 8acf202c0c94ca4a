import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { SignUpForm } from '@/components/account/auth-forms.client'
import { currentReader } from '@/services/auth'
import { safeNext } from '@/services/reader'
import { signUpAction } from '../actions'

export const metadata: Metadata = { title: 'Create an account', robots: { index: false } }

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; save?: string }>
}) {
  const { next: rawNext, save } = await searchParams
  const next = safeNext(rawNext)
  if (await currentReader()) redirect(next)
  const saveId = typeof save === 'string' && /^\d{1,12}$/.test(save) ? save : undefined
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-10">
      <h1 className="mb-2 font-serif text-3xl font-black">Create an account</h1>
      <p className="mb-6 text-sm text-zinc-700 dark:text-zinc-300">
        Free: save articles into reading lists and comment under your name. Already have one?{' '}
        <Link href={`/signin/?next=${encodeURIComponent(next)}`} className="font-semibold underline">
          Sign in
        </Link>
      </p>
      <SignUpForm next={next} save={saveId} action={signUpAction} />
    </main>
  )
}
