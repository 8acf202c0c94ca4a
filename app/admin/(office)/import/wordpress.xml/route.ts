import { requireStaff } from '@/services/auth'
import { exportResponse } from '@/services/wordpress/download'

export const dynamic = 'force-dynamic'

export async function GET() {
  await requireStaff('site.import')
  return exportResponse('wordpress')
}
