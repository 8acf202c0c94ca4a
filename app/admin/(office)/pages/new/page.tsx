import type { Metadata } from 'next'
import { PageForm } from '@/components/admin/page-form.client'
import { requireStaff } from '@/services/auth'
import { savePageAction } from '../actions'

export const metadata: Metadata = { title: 'New page' }

export default async function NewPageAdminPage() {
  await requireStaff('pages.manage')
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">New page</h1>
      <PageForm
        action={savePageAction}
        page={{ title: '', slug: '', body: '', status: 'draft', inTopNav: false, position: 0, seoDescription: '' }}
      />
    </>
  )
}
