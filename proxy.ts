import { type NextRequest, NextResponse } from 'next/server'

// Optimistic only: sends visitors without a session cookie to the sign-in page before rendering.
// Authorization itself happens in every admin page, query and action (lib/auth.ts requireStaff).
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token')
  if (!hasSession) {
    const url = new URL('/admin/login/', request.url)
    url.searchParams.set('callbackUrl', request.nextUrl.pathname)
    return NextResponse.redirect(url)
  }
  return NextResponse.next()
}

export const config = { matcher: ['/admin', '/admin/((?!login|invite/).*)'] }
