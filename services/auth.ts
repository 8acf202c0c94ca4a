import 'server-only'
import { verify } from '@node-rs/argon2'
import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import Google from 'next-auth/providers/google'
import { cookies } from 'next/headers'
import { forbidden, redirect } from 'next/navigation'
import { cache } from 'react'
import { z } from 'zod'
import { consumeToken, createReader, ensureDefaultList, markEmailVerified } from '@/db/mutations/readers'
import { getSessionUser, getUserCredentials } from '@/db/queries/users'
import type { Role } from '@/db/schema'
import { log } from '@/lib/log'
import { can, type Capability } from '@/lib/permissions'
import { holdsSessionCookie } from '@/lib/session-cookie'
import { signInFailed, signInKeys, signInRetryAfter, signInSucceeded, timingDummyHash } from './sign-in-limit'
import { env } from '@/lib/env'
import { writeFailureOf } from '@/lib/write-failure'

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

/** Google sign-in is offered only when both of its keys are configured. */
export function googleConfigured() {
  return Boolean(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET)
}

type SignedInUser = { id: string; name: string; email: string; role: Role; sessionVersion: number }

function toSignedIn(user: NonNullable<Awaited<ReturnType<typeof getUserCredentials>>>): SignedInUser {
  return {
    id: String(user.id),
    name: user.name,
    email: user.email,
    role: user.role,
    sessionVersion: user.sessionVersion,
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
  // Through our JSON lines, not Auth.js's multi-line blocks. A wrong password is an expected
  // event, and a forged or stale session cookie (JWTSessionError) only means "signed out": both
  // are one warning line without a stack.
  logger: {
    error(error) {
      const type = (error as { type?: string }).type
      if (type === 'CredentialsSignin') return
      if (type === 'JWTSessionError') return log('warn', 'session cookie refused', { type })
      const cause = (error as { cause?: { err?: unknown } }).cause?.err
      log('error', 'auth error', { type, error, ...(cause ? { cause } : {}) })
    },
    warn(code) {
      log('warn', 'auth warning', { code })
    },
    debug() {},
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
        const retryAfter = await signInRetryAfter(keys)
        if (retryAfter > 0) throw new SignInLocked(retryAfter)
        const user = await getUserCredentials(parsed.data.email)
        const valid = await verify(user?.passwordHash ?? timingDummyHash, parsed.data.password).catch(() => false)
        if (!user || !user.passwordHash || !valid || user.status !== 'active') {
          await signInFailed(keys)
          return null
        }
        await signInSucceeded(keys)
        return toSignedIn(user)
      },
    }),
    // The link in a sign-in e-mail: its one-time token, posted from the confirmation page.
    Credentials({
      id: 'email-link',
      credentials: { token: {} },
      async authorize(raw) {
        const token = typeof raw?.token === 'string' ? raw.token : ''
        const userId = token ? await consumeToken(token, 'sign-in') : undefined
        const user = userId ? await getSessionUser(userId) : undefined
        if (!user || user.status !== 'active') return null
        // Following the link proves the reader reads that mailbox.
        await markEmailVerified(user.id)
        return toSignedIn((await getUserCredentials(user.email))!)
      },
    }),
    ...(googleConfigured() ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
  ],
  callbacks: {
    signIn({ account, profile }) {
      // Only a Google address Google itself has verified may claim (or create) an account here.
      if (account?.provider === 'google') return profile?.email_verified === true && !!profile.email
      return true
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === 'google') {
        const email = user.email!.toLowerCase()
        let local = await getUserCredentials(email)
        if (!local) {
          const id = await createReader({ name: user.name || email.split('@')[0]!, email, passwordHash: null })
          if (id) await markEmailVerified(id)
          local = await getUserCredentials(email)
        }
        if (!local || local.status !== 'active') return null
        await ensureDefaultList(local.id)
        return { ...token, uid: local.id, role: local.role, sv: local.sessionVersion, name: local.name }
      }
      if (user) {
        const u = user as typeof user & { role: Role; sessionVersion: number }
        return { ...token, uid: Number(u.id), role: u.role, sv: u.sessionVersion }
      }
      // Every request re-checks the account: deactivation, a role change or "sign out everywhere"
      // take effect at once instead of when the token expires.
      let current: Awaited<ReturnType<typeof getSessionUser>>
      try {
        current = typeof token.uid === 'number' ? await getSessionUser(token.uid) : undefined
      } catch (error) {
        // A database server that cannot be reached: the signed token stands until it can be
        // checked again, so an editor is not signed out (and their form lost) by an outage in
        // which nothing they send could be saved or read anyway.
        if (writeFailureOf(error)) return token
        throw error
      }
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

/**
 * The session, once per request. A request without a session cookie has none, and is answered
 * without Auth.js, which would otherwise set up a whole request of its own (cookies parsed, a CSRF
 * token hashed) in every anonymous render.
 */
export const auth = cache(async () => {
  if (!holdsSessionCookie((await cookies()).getAll())) return null
  return uncachedAuth()
})

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

export type Reader = { id: number; role: Role; name: string; email: string }

/** The signed-in user (reader or staff), or undefined; for pages that show more when signed in. */
export async function currentReader(): Promise<Reader | undefined> {
  const session = await auth()
  if (!session?.user?.uid) return undefined
  return {
    id: session.user.uid,
    role: session.user.role,
    name: session.user.name ?? '',
    email: session.user.email ?? '',
  }
}

/** The signed-in user; everyone else is sent to the reader sign-in, coming back to `next`. */
export async function requireReader(next = '/account/'): Promise<Reader> {
  const reader = await currentReader()
  if (!reader) redirect(`/signin/?next=${encodeURIComponent(next)}`)
  return reader
}
