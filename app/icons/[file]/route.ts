import { getSiteLogo } from '@/db/queries/settings'
import { documentResponse } from '@/lib/http-cache'
import { answeringMediaFailures } from '@/services/media-response'
import { iconFiles, iconPng } from '@/services/site-icon'

export const dynamic = 'force-dynamic'

/** /icons/192.png, /icons/512.png and /icons/apple-touch-icon.png, from the site's logo when set. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params
  const size = Object.hasOwn(iconFiles, file) ? iconFiles[file] : undefined
  if (!size) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  const logo = (await getSiteLogo())?.path ?? null
  return answeringMediaFailures(() =>
    documentResponse(request, {
      version: logo ?? '',
      contentType: 'image/png',
      maxAge: 86_400,
      build: async () => ({ body: await iconPng(logo, size), lastModified: new Date() }),
    }),
  )
}
