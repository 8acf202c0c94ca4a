import type { Metadata } from 'next'
import Link from 'next/link'
import { listTagChoicesAdmin, listTagsAdmin } from '@/db/queries/admin-taxonomy'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { TagMergeForm, TagRenameForm } from '@/components/admin/tag-forms.client'
import { requireStaff } from '@/services/auth'
import { tagPath } from '@/lib/urls'
import { deleteTagAction, mergeTagsAction, renameTagAction } from './actions'
import { DataTable } from '@/components/ui/data-table'
import { Pager } from '@/components/admin/pager'

export const metadata: Metadata = { title: 'Tags' }

type Search = Promise<Record<string, string | undefined>>

const notices: Record<string, string> = {
  saved: 'Tag saved.',
  merged: 'Tags merged.',
  deleted: 'Tag deleted.',
}

const mergeFormId = 'merge-tags'

export default async function TagsAdminPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('taxonomy.manage')
  const sp = await searchParams
  const page = /^[1-9]\d{0,5}$/.test(sp.page ?? '') ? Number(sp.page) : 1
  const q = sp.q?.trim().slice(0, 100) || undefined
  const [{ rows, total, pageCount }, targets] = await Promise.all([listTagsAdmin({ q, page }), listTagChoicesAdmin()])
  const list = { q, page }
  const href = (p: number) => {
    const params = new URLSearchParams()
    if (q) params.set('q', q)
    if (p > 1) params.set('page', String(p))
    return `/admin/tags/?${params}`
  }
  const notice = sp.done ? notices[sp.done] : undefined
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Tags</h1>
      {notice && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {notice}
        </p>
      )}
      <form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          Search tags
          <input name="q" type="search" defaultValue={q} className="input" />
        </label>
        <button type="submit" className="btn btn-secondary">
          Search
        </button>
      </form>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        {total} {total === 1 ? 'tag' : 'tags'}
      </p>
      <DataTable
        caption="Tags"
        rows={rows}
        alignTop
        columns={[
          {
            header: <span className="sr-only">Select</span>,
            cell: (t) => (
              <input type="checkbox" name="ids" value={t.id} form={mergeFormId} aria-label={`Select ${t.name}`} />
            ),
          },
          {
            header: 'Name',
            cell: (t) => (
              <Link href={tagPath(t.slug)} className="font-medium hover:underline">
                {t.name}
              </Link>
            ),
          },
          { header: 'Slug', cell: (t) => t.slug },
          { header: 'Articles', cell: (t) => t.articleCount },
          {
            header: 'Actions',
            cell: (t) => (
              <details>
                <summary className="cursor-pointer font-semibold">
                  Edit<span className="sr-only"> {t.name}</span>
                </summary>
                <div className="mt-3 max-w-md space-y-4">
                  <TagRenameForm tag={t} list={list} action={renameTagAction} />
                  <form
                    action={deleteTagAction.bind(null, t.id)}
                    className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800"
                  >
                    <p className="text-zinc-600 dark:text-zinc-400">Its articles stay; they just lose this tag.</p>
                    <SubmitButton variant="danger">
                      Delete tag<span className="sr-only"> {t.name}</span>
                    </SubmitButton>
                  </form>
                </div>
              </details>
            ),
          },
        ]}
      />
      <Pager page={page} pageCount={pageCount} href={href} className="mt-4 mb-8" />
      <TagMergeForm formId={mergeFormId} targets={targets} list={list} action={mergeTagsAction} />
    </>
  )
}
