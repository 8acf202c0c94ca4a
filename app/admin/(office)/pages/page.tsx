import type { Metadata } from 'next'
import Link from 'next/link'
import { listPagesAdmin } from '@/db/queries/admin-taxonomy'
import { requireStaff } from '@/services/auth'
import { pagePath } from '@/lib/urls'

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
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-zinc-300 dark:border-zinc-700">
              <th scope="col" className="py-2 pr-4">
                Title
              </th>
              <th scope="col" className="py-2 pr-4">
                Address
              </th>
              <th scope="col" className="py-2 pr-4">
                Status
              </th>
              <th scope="col" className="py-2 pr-4">
                Top navigation
              </th>
              <th scope="col" className="py-2">
                Updated
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} className="border-b border-zinc-200 dark:border-zinc-800">
                <td className="py-2 pr-4">
                  <Link href={`/admin/pages/${p.id}/`} className="font-medium hover:underline">
                    {p.title}
                  </Link>
                </td>
                <td className="py-2 pr-4">{pagePath(p.slug)}</td>
                <td className="py-2 pr-4">{p.status === 'published' ? 'Published' : 'Draft'}</td>
                <td className="py-2 pr-4">{p.inTopNav ? `Yes, position ${p.position}` : 'No'}</td>
                <td className="py-2">{p.updatedAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="mt-4 text-sm">No pages yet.</p>}
    </>
  )
}
