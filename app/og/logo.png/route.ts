import { getSiteSettings } from '@/db/queries/settings'
import { documentResponse } from '@/lib/http-cache'
import { logoImage } from '@/services/og-image'

export const dynamic = 'force-dynamic'

export async function GET(request: Request) {
  const { name } = await getSiteSettings()
  return documentResponse(request, {
    version: name,
    contentType: 'image/png',
    maxAge: 3600,
    build: async () => ({ body: await logoImage(name), lastModified: new Date() }),
  })
}
