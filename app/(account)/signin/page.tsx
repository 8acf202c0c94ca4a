import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { MailLinkForm, SignInForm } from '@/components/account/auth-forms.client'
import { FormMessage } from '@/components/ui/form-message'
import { currentReader, googleConfigured } from '@/services/auth'
import { requestSignInLinkAction, signInReaderAction, signInWithGoogleAction } from '../actions'
import { mailConfigured } from '@/services/mail'
import { safeNext } from '@/services/reader'

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } }

type Search = { next?: string; save?: string; reset?: string }

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { next: rawNext, save, reset } = await searchParams
  const next = safeNext(rawNext)
  if (await currentReader()) redirect(next)
  const saveId = typeof save === 'string' && /^\d{1,12}$/.test(save) ? save : undefined
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-10">
      <h1 className="mb-2 font-serif text-3xl font-black">Sign in</h1>
      <p className="mb-6 text-sm text-zinc-700 dark:text-zinc-300">
        {saveId ? 'Sign in to save this article to your reading list.' : 'Your reading lists, on every device.'} New
        here?{' '}
        <Link
          href={`/signup/?next=${encodeURIComponent(next)}${saveId ? `&save=${saveId}` : ''}`}
          className="font-semibold underline"
        >
          Create an account
        </Link>
      </p>
      {reset && (
        <div className="mb-4">
          <FormMessage notice="Your password was changed. Sign in with the new one." />
        </div>
      )}
      <SignInForm next={next} save={saveId} action={signInReaderAction} />
      <p className="mt-3 text-sm">
        <Link href="/reset/" className="underline">
          Forgot your password?
        </Link>
      </p>
      {googleConfigured() && (
        <form className="mt-6" action={signInWithGoogleAction}>
          <input type="hidden" name="next" value={next} />
          <button type="submit" className="btn btn-secondary w-full">
            Sign in with Google
          </button>
        </form>
      )}
      {mailConfigured() && (
        <section aria-labelledby="link-heading" className="mt-8 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <h2 id="link-heading" className="mb-3 font-semibold">
            Or sign in without a password
          </h2>
          <MailLinkForm purpose="sign-in" next={next} action={requestSignInLinkAction} />
        </section>
      )}
    </main>
  )
}
