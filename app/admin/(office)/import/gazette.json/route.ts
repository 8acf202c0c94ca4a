import { requireStaff } from '@/lib/auth'
import { exportResponse } from '@/lib/wordpress/download'

export const dynamic = 'force-dynamic'

export async function GET() {
  await requireStaff('site.import')
  return exportResponse('json')
}
