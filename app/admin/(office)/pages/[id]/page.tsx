import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getPageAdmin } from '@/db/queries/admin-taxonomy'
import { PageForm } from '@/components/admin/page-form.client'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { requireStaff } from '@/services/auth'
import { pagePath } from '@/lib/urls'
import { deletePageAction, savePageAction } from '../actions'

export const metadata: Metadata = { title: 'Edit page' }

export default async function EditPageAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ saved?: string }>
}) {
  await requireStaff('pages.manage')
  const { id } = await params
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound()
  const [page, { saved }] = await Promise.all([getPageAdmin(Number(id)), searchParams])
  if (!page) notFound()
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Edit page</h1>
        {page.status === 'published' && (
          <Link href={pagePath(page.slug)} className="text-sm font-semibold underline">
            View on site
          </Link>
        )}
      </div>
      {saved && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {page.status === 'published' ? 'Page saved and published.' : 'Page saved as a draft.'}
        </p>
      )}
      <PageForm
        action={savePageAction}
        page={{
          id: page.id,
          title: page.title,
          slug: page.slug,
          body: page.body,
          status: page.status,
          inTopNav: page.inTopNav,
          position: page.position,
          seoDescription: page.seoDescription ?? '',
        }}
      />
      <form
        action={deletePageAction.bind(null, page.id)}
        className="mt-10 flex max-w-3xl flex-wrap items-center gap-3 border-t border-zinc-200 pt-6 dark:border-zinc-800"
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Deleting removes the page from the site at once.</p>
        <SubmitButton variant="danger">Delete page</SubmitButton>
      </form>
    </>
  )
}
