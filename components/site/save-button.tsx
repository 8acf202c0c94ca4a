import { headers } from 'next/headers'
import { cache } from 'react'
import { listSavedArticleIds } from '@/db/queries/account'
import { currentReader } from '@/services/auth'
import { fillToken } from '@/lib/reader-slots'
import { searchHeader } from '@/lib/request-guard'
import { ReaderSlot } from './reader-slot'

const anchorsTaken = cache(() => new Map<number, number>())

/**
 * The id for the card (or article) a Save button belongs to, unique on the page being rendered:
 * `article-<id>`, then `article-<id>-2` where the same story is shown again.
 */
export function saveAnchor(articleId: number) {
  const taken = anchorsTaken()
  const n = (taken.get(articleId) ?? 0) + 1
  taken.set(articleId, n)
  return n === 1 ? `article-${articleId}` : `article-${articleId}-${n}`
}

/** What the save route said happened to this card, read from the query string it sent back to. */
async function outcomeFor(anchor: string, saved: boolean) {
  const search = new URLSearchParams((await headers()).get(searchHeader) ?? '')
  if (saved && search.get('saved') === anchor) return 'Saved to your reading list'
  if (!saved && search.get('removed') === anchor) return 'Removed from your reading list'
}

type SaveProps = { articleId: number; title: string; back: string; anchor: string }

/**
 * Where a Save button posts, with what it saves and where the reader goes back to: in the address
 * (a POST keeps its query), so that each of the page's many forms is a form and a button, not four
 * hidden fields more.
 */
function saveAction({ articleId, back, anchor }: Omit<SaveProps, 'title'>) {
  return `/account/save/?${new URLSearchParams({ articleId: String(articleId), back, anchor })}`
}

// The Saved button of any story, its address and title filled in per story by the front server.
const savedPattern = <SaveForm action={fillToken('action')} title={fillToken('title')} saved />

/**
 * Save / Saved toggle for an article. On the shared page it is the plain Save button, marked so the
 * front server can put in the Saved one (the page's one `savedPattern`, with this article's values)
 * for a reader who saved the article (server/personal.ts); after a save, the page is the reader's
 * own render, with the confirmation.
 */
export async function SaveButton(props: SaveProps) {
  const reader = await currentReader()
  const action = saveAction(props)
  if (!reader)
    return (
      <ReaderSlot
        slot={`save:${props.articleId}`}
        pattern={{ name: 'saved', variant: savedPattern, fill: { action, title: props.title } }}
      >
        <SaveForm action={action} title={props.title} saved={false} />
      </ReaderSlot>
    )
  const saved = (await listSavedArticleIds(reader.id)).has(props.articleId)
  const outcome = await outcomeFor(props.anchor, saved)
  const form = <SaveForm action={action} title={props.title} saved={saved} />
  if (!outcome) return form
  return (
    <div className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      {form}
      <span role="status" className="text-xs font-semibold text-green-800 dark:text-green-300">
        {outcome}
        {saved && (
          <>
            {' · '}
            <a href="/account/lists/" className="underline">
              Your reading lists
            </a>
          </>
        )}
      </span>
    </div>
  )
}

function SaveForm({ action, title, saved }: { action: string; title: string; saved: boolean }) {
  return (
    <form method="post" action={action} className="inline-flex">
      <button
        type="submit"
        name="intent"
        value={saved ? 'remove' : 'save'}
        // The visible word first, then which article: "Save: <title>" among many cards.
        aria-label={`${saved ? 'Saved' : 'Save'}: ${title}`}
        className="inline-flex min-h-6 items-center gap-1 border border-zinc-300 px-2 py-0.5 text-xs font-semibold hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800"
      >
        <svg
          viewBox="0 0 24 24"
          aria-hidden="true"
          className="size-3.5"
          fill={saved ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 3h12v18l-6-4-6 4z" />
        </svg>
        {saved ? 'Saved' : 'Save'}
      </button>
    </form>
  )
}
