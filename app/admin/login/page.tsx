import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { LoginForm } from '@/components/admin/login-form.client'
import { getSiteSettings } from '@/db/queries/settings'
import { auth } from '@/services/auth'
import { can } from '@/lib/permissions'
import { signInWithPassword } from './actions'

export const metadata: Metadata = { title: 'Sign in' }

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const session = await auth()
  if (session?.user && can(session.user.role, 'admin.access')) redirect('/admin/')
  const { callbackUrl } = await searchParams
  return (
    <main className="mx-auto max-w-sm px-4 py-16">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{(await getSiteSettings()).name}</p>
      <h1 className="mb-6 text-2xl font-bold">Sign in to the newsroom</h1>
      <LoginForm callbackUrl={typeof callbackUrl === 'string' ? callbackUrl : undefined} action={signInWithPassword} />
    </main>
  )
}
