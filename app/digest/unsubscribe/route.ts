import { unsubscribeDigest } from '@/db/mutations/digests'
import { getDigestReader } from '@/db/queries/digests'
import { readSiteSettings } from '@/db/queries/site-settings'
import { answeringWriteFailures } from '@/lib/write-failure'
import { digestPreferencesPath } from '@/services/digest'
import { verifyUnsubscribeToken } from '@/lib/digest-token'
import { escapeHtml } from '@/lib/html'

export const dynamic = 'force-dynamic'

// The link in every digest, and its List-Unsubscribe header. Signed, so it needs no sign-in. A GET
// only asks (mail scanners open links); the POST unsubscribes: the page's button, or a mail client's
// RFC 8058 one-click request with the body List-Unsubscribe=One-Click.

async function page(status: number, title: string, body: string) {
  const site = (await readSiteSettings()).name
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(site)}</title></head>
<body style="margin:0;font-family:system-ui,sans-serif;background:#fafafa;color:#18181b">
<main style="max-width:36rem;margin:4rem auto;padding:0 1rem">
<p style="margin:0 0 1rem;font-weight:800;font-size:1.25rem"><a href="/" style="color:inherit">${escapeHtml(site)}</a></p>
<h1 style="font-size:1.75rem;margin:0 0 1rem">${escapeHtml(title)}</h1>
${body}
</main></body></html>`
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

async function check(request: Request) {
  const url = new URL(request.url)
  const userId = Number(url.searchParams.get('u'))
  const token = url.searchParams.get('t') ?? ''
  if (!Number.isInteger(userId) || userId < 1 || !token) return undefined
  const reader = await getDigestReader(userId)
  if (!reader || !verifyUnsubscribeToken(reader.id, reader.email, token)) return undefined
  return { userId, query: url.search }
}

const invalid = () =>
  page(
    400,
    'This unsubscribe link does not work',
    `<p>The link is incomplete or no longer valid. Copy the whole link from the latest digest, or change your digest on <a href="${digestPreferencesPath}">your digest page</a> after signing in.</p>`,
  )

export async function GET(request: Request) {
  const ok = await check(request)
  if (!ok) return invalid()
  return page(
    200,
    'Unsubscribe from the digest',
    `<p>You will receive no more digests. What you follow is kept, should you switch the digest on again.</p>
<form method="post" action="${escapeHtml(`/digest/unsubscribe/${ok.query}`)}">
<button type="submit" style="margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;font-weight:600;background:#18181b;color:#fff;border:0;border-radius:4px;cursor:pointer">Unsubscribe</button>
</form>`,
  )
}

export async function POST(request: Request) {
  const ok = await check(request)
  if (!ok) return invalid()
  return answeringWriteFailures('digest unsubscribe', async () => {
    await unsubscribeDigest(ok.userId)
    return page(
      200,
      'You are unsubscribed',
      `<p>No more digests will be sent to you. You can switch them on again on <a href="${digestPreferencesPath}">your digest page</a>.</p>`,
    )
  })
}
