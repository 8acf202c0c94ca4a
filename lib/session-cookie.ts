// Auth.js names its session cookie with a __Secure- prefix over HTTPS, and splits a large session
// into authjs.session-token.0, .1, …: any of them means the request may be signed in.
const name = String.raw`(?:__Secure-)?authjs\.session-token(?:\.\d+)?`
const sessionCookieName = new RegExp(`^${name}$`)
const sessionCookieInHeader = new RegExp(`(?:^|;\\s*)${name}=`)

/** Whether a cookie name is (part of) an Auth.js session. */
export const isSessionCookie = (cookieName: string) => sessionCookieName.test(cookieName)

/** Whether parsed cookies (Next's `cookies()`, a `NextRequest`'s) hold an Auth.js session cookie. */
export const holdsSessionCookie = (cookies: { name: string }[]) => cookies.some((c) => isSessionCookie(c.name))

/** Whether a Cookie request header carries an Auth.js session cookie. */
export const hasSessionCookie = (cookieHeader: string | undefined) => sessionCookieInHeader.test(cookieHeader ?? '')
