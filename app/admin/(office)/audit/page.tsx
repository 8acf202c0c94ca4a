import type { Metadata } from 'next'
import Link from 'next/link'
import { listAuditLogAdmin } from '@/db/queries/admin-users'
import { getSiteSettings } from '@/db/queries/settings'
import { requireStaff } from '@/services/auth'
import { DataTable } from '@/components/ui/data-table'
import { Pager } from '@/components/admin/pager'

export const metadata: Metadata = { title: 'Audit log' }

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireStaff('users.manage')
  const sp = await searchParams
  const page = /^[1-9]\d{0,5}$/.test(sp.page ?? '') ? Number(sp.page) : 1
  const { rows, total, pageCount } = await listAuditLogAdmin({ page })
  const { timezone } = await getSiteSettings()
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'medium', timeStyle: 'medium' })
  const href = (p: number) => (p > 1 ? `/admin/audit/?page=${p}` : '/admin/audit/')
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Audit log</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        {total} entries, newest first. Times are in {timezone}.
      </p>
      <DataTable
        caption="Audit log entries"
        rows={rows}
        alignTop
        columns={[
          {
            header: 'When',
            className: 'whitespace-nowrap',
            cell: (r) => <time dateTime={r.createdAt.toISOString()}>{when.format(r.createdAt)}</time>,
          },
          { header: 'Who', cell: (r) => r.actorName ?? 'System' },
          { header: 'Action', className: 'font-mono text-xs', cell: (r) => r.action },
          { header: 'On', cell: (r) => <Subject row={r} /> },
          { header: 'Detail', className: 'break-words', cell: (r) => r.detail },
        ]}
      />
      <Pager page={page} pageCount={pageCount} href={href} />
    </>
  )
}

function Subject({ row }: { row: { entityType: string; entityId: number | null; subjectName: string | null } }) {
  if (row.entityType === 'article' && row.entityId)
    return <Link href={`/admin/articles/${row.entityId}/`}>Article #{row.entityId}</Link>
  if (row.entityType === 'user') return <>User {row.subjectName ?? `#${row.entityId}`}</>
  return (
    <>
      {row.entityType}
      {row.entityId ? ` #${row.entityId}` : ''}
    </>
  )
}
