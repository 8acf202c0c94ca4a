import { databaseHealth } from '@/services/health'

export const dynamic = 'force-dynamic'

/** For monitors: 200 when the database answers and takes writes, 503 otherwise, with the details. */
export async function GET() {
  const health = await databaseHealth()
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
