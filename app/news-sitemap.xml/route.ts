import { newsSitemapResponse } from '@/services/sitemap-response'

export const dynamic = 'force-dynamic'

export function GET(request: Request) {
  return newsSitemapResponse(request)
}
