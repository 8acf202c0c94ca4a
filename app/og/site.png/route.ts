import { getSiteSettings } from '@/db/queries/settings'
import { documentResponse } from '@/lib/http-cache'
import { siteShareImage } from '@/services/og-image'

export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  const { name, tagline } = await getSiteSettings()
  return documentResponse(request, {
    version: JSON.stringify([name, tagline]),
    contentType: 'image/png',
    maxAge: 3600,
    build: async () => ({ body: await siteShareImage(name, tagline), lastModified: new Date() }),
  })
}
