import type { Metadata } from 'next'
import Link from 'next/link'
import { listPagesAdmin } from '@/db/queries/admin-taxonomy'
import { requireStaff } from '@/services/auth'
import { pagePath } from '@/lib/urls'
import { DataTable } from '@/components/ui/data-table'

export const metadata: Metadata = { title: 'Pages' }

export default async function PagesAdminPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireStaff('pages.manage')
  const [rows, { deleted }] = await Promise.all([listPagesAdmin(), searchParams])
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Pages</h1>
        <Link href="/admin/pages/new/" className="btn btn-primary">
          New page
        </Link>
      </div>
      {deleted && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          Page deleted.
        </p>
      )}
      <DataTable
        caption="Pages"
        rows={rows}
        columns={[
          {
            header: 'Title',
            cell: (p) => (
              <Link href={`/admin/pages/${p.id}/`} className="font-medium hover:underline">
                {p.title}
              </Link>
            ),
          },
          { header: 'Address', cell: (p) => pagePath(p.slug) },
          { header: 'Status', cell: (p) => (p.status === 'published' ? 'Published' : 'Draft') },
          { header: 'Top navigation', cell: (p) => (p.inTopNav ? `Yes, position ${p.position}` : 'No') },
          { header: 'Updated', cell: (p) => p.updatedAt.toISOString().slice(0, 10) },
        ]}
      />
      {rows.length === 0 && <p className="mt-4 text-sm">No pages yet.</p>}
    </>
  )
}
