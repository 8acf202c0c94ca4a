import type { Metadata } from 'next'
import Link from 'next/link'
import { type CategoryAdminRow, listCategoriesAdmin } from '@/db/queries/admin-taxonomy'
import { SectionForm } from '@/components/admin/section-form.client'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { requireStaff } from '@/services/auth'
import { categoryPath } from '@/lib/urls'
import { deleteSectionAction, moveSectionAction, saveSectionAction } from './actions'

export const metadata: Metadata = { title: 'Sections' }

type Search = Promise<{ saved?: string; deleted?: string }>

export default async function SectionsAdminPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('taxonomy.manage')
  const [sections, sp] = await Promise.all([listCategoriesAdmin(), searchParams])
  const saved = sections.find((s) => String(s.id) === sp.saved)
  const notice = saved ? `Section “${saved.name}” saved.` : sp.deleted ? 'Section deleted.' : undefined
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Sections</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Top-level sections appear in the site navigation in this order.
      </p>
      {notice && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {notice}
        </p>
      )}
      <ol className="mb-10 divide-y divide-zinc-200 rounded border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {sections.map((s) => (
          <SectionItem key={s.id} section={s} all={sections} />
        ))}
      </ol>
      <section
        aria-labelledby="new-section"
        className="rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="new-section" className="mb-4 text-lg font-bold">
          New section
        </h2>
        {/* A new key after each save empties the form. */}
        <SectionForm
          action={saveSectionAction}
          key={`new-${sp.saved ?? ''}`}
          section={{ name: '', slug: '', description: '', parentId: null, position: null }}
          parents={sections.map(({ id, name, depth }) => ({ id, name, depth }))}
        />
      </section>
    </>
  )
}

/** Sections that `id` may move under: all but itself and its descendants. */
function parentChoices(id: number, all: CategoryAdminRow[]) {
  const excluded = new Set([id])
  for (const c of all) if (c.parentId !== null && excluded.has(c.parentId)) excluded.add(c.id)
  return all.filter((c) => !excluded.has(c.id)).map((c) => ({ id: c.id, name: c.name, depth: c.depth }))
}

function SectionItem({ section: s, all }: { section: CategoryAdminRow; all: CategoryAdminRow[] }) {
  const siblings = all.filter((c) => c.parentId === s.parentId)
  const index = siblings.findIndex((c) => c.id === s.id)
  return (
    <li id={`section-${s.id}`} className="p-4" style={{ paddingLeft: `${1 + s.depth * 2}rem` }}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="font-semibold">
          {s.depth > 0 && <span aria-hidden="true">↳ </span>}
          {s.name}
        </h2>
        <Link href={categoryPath(s.slug)} className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
          {categoryPath(s.slug)}
        </Link>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          {s.articleCount} {s.articleCount === 1 ? 'article' : 'articles'}
        </span>
        <div className="ml-auto flex gap-2">
          <form action={moveSectionAction.bind(null, s.id, 'up')}>
            <SubmitButton variant="secondary" disabled={index <= 0}>
              <span aria-hidden="true">↑</span>
              <span className="sr-only">Move {s.name} up</span>
            </SubmitButton>
          </form>
          <form action={moveSectionAction.bind(null, s.id, 'down')}>
            <SubmitButton variant="secondary" disabled={index >= siblings.length - 1}>
              <span aria-hidden="true">↓</span>
              <span className="sr-only">Move {s.name} down</span>
            </SubmitButton>
          </form>
        </div>
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-semibold">
          Edit<span className="sr-only"> {s.name}</span>
        </summary>
        <div className="mt-4 space-y-4">
          <SectionForm
            action={saveSectionAction}
            section={{
              id: s.id,
              name: s.name,
              slug: s.slug,
              description: s.description ?? '',
              parentId: s.parentId,
              position: s.position,
            }}
            parents={parentChoices(s.id, all)}
          />
          <form
            action={deleteSectionAction.bind(null, s.id)}
            className="flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800"
          >
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Its {s.articleCount} {s.articleCount === 1 ? 'article stays' : 'articles stay'}, without a section; its
              subsections move up a level.
            </p>
            <SubmitButton variant="danger">
              Delete section<span className="sr-only"> {s.name}</span>
            </SubmitButton>
          </form>
        </div>
      </details>
    </li>
  )
}
