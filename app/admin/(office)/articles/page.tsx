import type { Metadata } from 'next'
import Link from 'next/link'
import { getArticleFormOptionsAdmin, listArticlesAdmin } from '@/db/queries/admin'
import { articleStatuses, type ArticleStatus } from '@/db/schema'
import { DataTable } from '@/components/ui/data-table'
import { Pager } from '@/components/admin/pager'
import { requireStaff } from '@/services/auth'

export const metadata: Metadata = { title: 'Articles' }

type Search = Promise<Record<string, string | undefined>>

export default async function ArticlesAdminPage({ searchParams }: { searchParams: Search }) {
  const user = await requireStaff()
  const sp = await searchParams
  const page = /^[1-9]\d{0,5}$/.test(sp.page ?? '') ? Number(sp.page) : 1
  const status = articleStatuses.includes(sp.status as ArticleStatus) ? (sp.status as ArticleStatus) : undefined
  const categoryId = /^\d+$/.test(sp.section ?? '') ? Number(sp.section) : undefined
  const authorId = /^\d+$/.test(sp.author ?? '') ? Number(sp.author) : undefined
  const q = sp.q?.slice(0, 100)
  const [{ rows, total, pageCount }, options] = await Promise.all([
    listArticlesAdmin(user, { q, status, categoryId, authorId, page }),
    getArticleFormOptionsAdmin(user),
  ])
  const href = (p: number) => {
    const params = new URLSearchParams(
      Object.entries({ q, status, section: sp.section, author: sp.author }).filter(
        (e): e is [string, string] => !!e[1],
      ),
    )
    if (p > 1) params.set('page', String(p))
    return `/admin/articles/?${params}`
  }
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">Articles</h1>
        <Link href="/admin/articles/new/" className="btn btn-primary">
          New article
        </Link>
      </div>
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-5" role="search">
        <label className="text-sm sm:col-span-2">
          Search
          <input name="q" type="search" defaultValue={q} className="input" />
        </label>
        <label className="text-sm">
          Status
          <select name="status" defaultValue={status ?? ''} className="input">
            <option value="">Any</option>
            {articleStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Section
          <select name="section" defaultValue={sp.section ?? ''} className="input">
            <option value="">Any</option>
            {options.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Author
          <select name="author" defaultValue={sp.author ?? ''} className="input">
            <option value="">Any</option>
            {options.authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <div className="sm:col-span-5">
          <button type="submit" className="btn btn-secondary">
            Filter
          </button>
        </div>
      </form>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">{total} articles</p>
      <DataTable
        caption="Articles"
        rows={rows}
        columns={[
          {
            header: 'Title',
            cell: (r) => (
              <Link href={`/admin/articles/${r.id}/`} className="font-medium hover:underline">
                {r.title}
              </Link>
            ),
          },
          { header: 'Status', cell: (r) => r.status },
          { header: 'Section', cell: (r) => r.categoryName ?? '—' },
          { header: 'Author', cell: (r) => r.authorName },
          { header: 'Updated', cell: (r) => r.updatedAt.toISOString().slice(0, 10) },
        ]}
      />
      <Pager page={page} pageCount={pageCount} href={href} />
    </>
  )
}
