import { getSiteLogo } from '@/db/queries/settings'
import { documentResponse } from '@/lib/http-cache'
import { answeringMediaFailures } from '@/services/media-response'
import { icoFile, iconPng } from '@/services/site-icon'

export const dynamic = 'force-dynamic'

/** /favicon.ico: the site's logo (or the default mark) at 16, 32 and 48 pixels. */
export async function GET(request: Request) {
  const logo = (await getSiteLogo())?.path ?? null
  return answeringMediaFailures(() =>
    documentResponse(request, {
      version: logo ?? '',
      contentType: 'image/x-icon',
      maxAge: 86_400,
      build: async () => ({
        body: icoFile(await Promise.all([16, 32, 48].map(async (size) => ({ size, png: await iconPng(logo, size) })))),
        lastModified: new Date(),
      }),
    }),
  )
}
