import { mediaResponse } from '@/services/media-response'

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return mediaResponse(request, (await params).path)
}
