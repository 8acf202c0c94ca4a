import type { NextRequest } from 'next/server'
import { handlers } from '@/services/auth'
import { lockedMessage, signInKeys, signInRetryAfter } from '@/services/sign-in-limit'

export const { GET } = handlers

/**
 * A locked account or address gets a real 429 with Retry-After from the credentials callback,
 * before Auth.js turns the refusal into a redirect to an error page.
 */
export async function POST(request: NextRequest) {
  if (/\/callback\/credentials\/?$/.test(request.nextUrl.pathname)) {
    const form = await request
      .clone()
      .formData()
      .catch(() => undefined)
    const email = form?.get('email')
    if (typeof email === 'string') {
      const retryAfter = await signInRetryAfter(signInKeys(email, request.headers))
      if (retryAfter > 0)
        return new Response(lockedMessage(retryAfter) + '\n', {
          status: 429,
          headers: { 'Retry-After': String(retryAfter), 'Content-Type': 'text/plain; charset=utf-8' },
        })
    }
  }
  return handlers.POST(request)
}
