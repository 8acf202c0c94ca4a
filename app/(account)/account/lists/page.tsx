import type { Metadata } from 'next'
import Link from 'next/link'
import { AccountNav } from '@/components/account/account-nav'
import { FormMessage } from '@/components/ui/form-message'
import { listReadingLists } from '@/db/queries/account'
import { getSiteSettings } from '@/db/queries/settings'
import { requireReader } from '@/services/auth'
import { formatDate } from '@/lib/time'
import { articlePath } from '@/lib/urls'
import { createListAction, deleteListAction, moveSavedAction, removeSavedAction, renameListAction } from '../actions'

export const metadata: Metadata = { title: 'Reading lists', robots: { index: false } }

const outcomes: Record<string, { notice?: string; message?: string }> = {
  created: { notice: 'List created.' },
  renamed: { notice: 'List renamed.' },
  deleted: { notice: 'List deleted.' },
  removed: { notice: 'Article removed from the list.' },
  moved: { notice: 'Article moved.' },
  'invalid-name': { message: 'A list needs a name of 1 to 80 characters.' },
  'not-found': { message: 'That list or article is not in your reading lists.' },
}

export default async function ListsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const reader = await requireReader('/account/lists/')
  const { done } = await searchParams
  const lists = await listReadingLists(reader.id)
  const { timezone, locale } = await getSiteSettings()
  const outcome = done ? outcomes[done] : undefined
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-6 font-serif text-3xl font-black">Reading lists</h1>
      <AccountNav current="/account/lists/" />
      {outcome && (
        <div className="mb-6">
          <FormMessage {...outcome} />
        </div>
      )}
      {lists.map((list) => (
        <section
          key={list.id}
          aria-labelledby={`list-${list.id}`}
          className="mb-10 border-t-2 border-zinc-900 pt-3 dark:border-zinc-200"
        >
          <h2 id={`list-${list.id}`} className="text-xl font-bold">
            {list.name}{' '}
            <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">({list.entries.length})</span>
          </h2>
          {!list.isDefault && (
            <div className="mt-2 flex flex-wrap items-end gap-3 text-sm">
              <form action={renameListAction} className="flex items-end gap-2">
                <input type="hidden" name="listId" value={list.id} />
                <div>
                  <label htmlFor={`rename-${list.id}`} className="block text-xs font-medium">
                    Rename {list.name}
                  </label>
                  <input
                    id={`rename-${list.id}`}
                    name="name"
                    required
                    maxLength={80}
                    defaultValue={list.name}
                    className="input"
                  />
                </div>
                <button type="submit" className="btn btn-secondary">
                  Rename
                </button>
              </form>
              <form action={deleteListAction}>
                <input type="hidden" name="listId" value={list.id} />
                <button type="submit" className="btn btn-danger">
                  Delete list<span className="sr-only"> {list.name}</span>
                </button>
              </form>
            </div>
          )}
          {list.entries.length === 0 ? (
            <p className="mt-3 text-zinc-600 dark:text-zinc-400">Nothing saved here yet.</p>
          ) : (
            <ul className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800">
              {list.entries.map((entry) => {
                const label = entry.article?.title ?? 'Unavailable article'
                return (
                  <li
                    key={entry.articleId}
                    className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
                  >
                    <div className="min-w-0">
                      {entry.article ? (
                        <Link
                          href={articlePath(entry.article, timezone)}
                          className="font-serif font-semibold hover:underline"
                        >
                          {entry.article.title}
                        </Link>
                      ) : (
                        <span className="text-zinc-600 italic dark:text-zinc-400">
                          This article is no longer available.
                        </span>
                      )}
                      <p className="text-xs text-zinc-600 dark:text-zinc-400">
                        Saved {formatDate(entry.savedAt, timezone, locale)}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      {lists.length > 1 && (
                        <form action={moveSavedAction} className="flex items-center gap-2">
                          <input type="hidden" name="listId" value={list.id} />
                          <input type="hidden" name="articleId" value={entry.articleId} />
                          <label htmlFor={`move-${list.id}-${entry.articleId}`} className="sr-only">
                            Move {label} to
                          </label>
                          <select
                            id={`move-${list.id}-${entry.articleId}`}
                            name="toListId"
                            className="input w-auto py-1"
                          >
                            {lists
                              .filter((l) => l.id !== list.id)
                              .map((l) => (
                                <option key={l.id} value={l.id}>
                                  {l.name}
                                </option>
                              ))}
                          </select>
                          <button type="submit" className="btn btn-secondary">
                            Move<span className="sr-only"> {label}</span>
                          </button>
                        </form>
                      )}
                      <form action={removeSavedAction}>
                        <input type="hidden" name="listId" value={list.id} />
                        <input type="hidden" name="articleId" value={entry.articleId} />
                        <button type="submit" className="btn btn-secondary">
                          Remove<span className="sr-only"> {label}</span>
                        </button>
                      </form>
                    </div>
                  </li>
                )
              })}
            </ul>
          )}
        </section>
      ))}
      <section aria-labelledby="new-list-heading" className="border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <h2 id="new-list-heading" className="mb-3 text-lg font-bold">
          New list
        </h2>
        <form action={createListAction} className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="new-list-name" className="block text-sm font-medium">
              List name
            </label>
            <input id="new-list-name" name="name" required maxLength={80} className="input" />
          </div>
          <button type="submit" className="btn btn-primary">
            Create list
          </button>
        </form>
      </section>
    </main>
  )
}
