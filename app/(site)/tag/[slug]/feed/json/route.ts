import { feedResponse } from '@/services/feed-response'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse(request, 'json', { kind: 'tag', slug: (await params).slug })
}
