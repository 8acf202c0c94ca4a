import 'server-only'
import { verify } from '@node-rs/argon2'
import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import { forbidden, redirect } from 'next/navigation'
import { cache } from 'react'
import { z } from 'zod'
import { getSessionUser, getUserCredentials } from '@/db/queries/users'
import type { Role } from '@/db/schema'
import { can, type Capability } from './permissions'
import { signInFailed, signInKeys, signInRetryAfter, signInSucceeded, timingDummyHash } from './sign-in-limit'

declare module 'next-auth' {
  interface Session {
    user: { uid: number; role: Role } & DefaultSession['user']
  }
}

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1).max(512) })

/** Thrown by the credentials check while a lock is in force; Auth.js passes it on as is. */
export class SignInLocked extends CredentialsSignin {
  code = 'locked'
  constructor(readonly retryAfterSeconds: number) {
    super()
  }
}

const {
  handlers,
  signIn,
  signOut,
  auth: uncachedAuth,
} = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/admin/login/' },
  logger: {
    // A wrong password is an expected event, not a server error worth a stack trace.
    error(error) {
      if ((error as { type?: string }).type !== 'CredentialsSignin') console.error(error)
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw)
        if (!parsed.success) return null
        // Per account and per client address, unknown e-mails included, so a lock tells nothing
        // about which accounts exist.
        const keys = signInKeys(parsed.data.email, request.headers)
        const retryAfter = signInRetryAfter(keys)
        if (retryAfter > 0) throw new SignInLocked(retryAfter)
        const user = getUserCredentials(parsed.data.email)
        const valid = await verify(user?.passwordHash ?? timingDummyHash, parsed.data.password).catch(() => false)
        if (!user || !user.passwordHash || !valid || user.status !== 'active') {
          signInFailed(keys)
          return null
        }
        signInSucceeded(keys)
        return {
          id: String(user.id),
          name: user.name,
          email: user.email,
          role: user.role,
          sessionVersion: user.sessionVersion,
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { role: Role; sessionVersion: number }
        return { ...token, uid: Number(u.id), role: u.role, sv: u.sessionVersion }
      }
      // Every request re-checks the account: deactivation, a role change or "sign out everywhere"
      // take effect at once instead of when the token expires.
      const current = typeof token.uid === 'number' ? getSessionUser(token.uid) : undefined
      if (!current || current.status !== 'active' || current.sessionVersion !== token.sv) return null
      return { ...token, role: current.role, name: current.name, email: current.email }
    },
    session({ session, token }) {
      session.user.uid = token.uid as number
      session.user.role = token.role as Role
      return session
    },
  },
})

export { handlers, signIn, signOut }

export const auth = cache(uncachedAuth)

export type StaffUser = { id: number; role: Role; name: string; email: string }

/** The signed-in staff member; sends everyone else to sign in, and refuses a missing capability with 403. */
export async function requireStaff(capability: Capability = 'admin.access'): Promise<StaffUser> {
  const session = await auth()
  if (!session?.user?.uid) redirect('/admin/login/')
  const user = {
    id: session.user.uid,
    role: session.user.role,
    name: session.user.name ?? '',
    email: session.user.email ?? '',
  }
  if (!can(user.role, 'admin.access') || !can(user.role, capability)) forbidden()
  return user
}
