import { exportAccountData } from '@/db/queries/account'
import { currentReader } from '@/services/auth'

/** "Download my data": the signed-in reader's own data, never anyone else's. */
export async function GET() {
  const reader = await currentReader()
  if (!reader) return new Response(null, { status: 303, headers: { Location: '/signin/?next=/account/' } })
  const data = await exportAccountData(reader.id)
  if (!data) return new Response('Not found', { status: 404 })
  return new Response(JSON.stringify({ exportedAt: new Date(), ...data }, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="gazette-account.json"',
      'Cache-Control': 'private, no-store',
    },
  })
}
