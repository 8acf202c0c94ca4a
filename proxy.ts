import { type NextRequest, NextResponse } from 'next/server'
import { contentSecurityPolicy } from '@/lib/csp'
import { searchHeader } from '@/lib/request-guard'
import { holdsSessionCookie } from '@/lib/session-cookie'

/**
 * Runs before Next renders anything but static files:
 * - gives the response a Content-Security-Policy with a fresh nonce, which Next reads from the
 *   request header and puts on its own scripts (reader pages served through the page cache get a
 *   hash-based policy instead, server/reader-handler.ts);
 * - optimistically sends visitors without a session cookie from /admin to the sign-in page.
 *   Authorization itself happens in every admin page, query and action (services/auth.ts requireStaff).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl
  const inOffice = /^\/admin(\/|$)/.test(pathname) && !/^\/admin\/(login|invite)\//.test(pathname)
  const hasSession = holdsSessionCookie(request.cookies.getAll())
  if (inOffice && !hasSession) {
    const url = new URL('/admin/login/', request.url)
    url.searchParams.set('callbackUrl', pathname)
    return NextResponse.redirect(url)
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const policy = contentSecurityPolicy([`'nonce-${nonce}'`])
  const headers = new Headers(request.headers)
  headers.set('content-security-policy', policy)
  // Server components cannot read the query string outside a page; the Save button needs it.
  headers.set(searchHeader, request.nextUrl.search)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('Content-Security-Policy', policy)
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|uploads/|og/|icons/|favicon\\.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        // The reader renders the front server cuts (lib/reader-slots.ts slotsHeader, which it
        // strips from every request it is sent): their scripts are cut, their policy names hashes,
        // and the front server sets the query string header itself, so a nonce would only cost
        // each miss a pass through this function and Next's request rewriting.
        { type: 'header', key: 'x-gazette-reader-slots' },
      ],
    },
  ],
}
