import { listSavedArticleIds } from '@/db/queries/account'
import { currentReader } from '@/lib/auth'

/**
 * Save / Saved toggle for an article. Anonymous pages are cached and shared, so for a signed-out
 * reader this is the same plain button for everyone; a signed-in reader's page is never cached
 * (lib/reader-server.ts) and shows their own state.
 */
export async function SaveButton({ articleId, title, back }: { articleId: number; title: string; back: string }) {
  const reader = await currentReader()
  const saved = reader ? listSavedArticleIds(reader.id).has(articleId) : false
  return (
    <form method="post" action="/account/save/" className="inline">
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="intent" value={saved ? 'remove' : 'save'} />
      <input type="hidden" name="back" value={back} />
      <button
        type="submit"
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
