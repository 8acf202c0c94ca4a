import { sitemapFileResponse } from '@/services/sitemap-response'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  return sitemapFileResponse(request, (await params).file)
}
