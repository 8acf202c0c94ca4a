'use client'

import { useEffect, useState } from 'react'
import type { listRecentEditors } from '@/db/queries/revisions'

type Editor = Awaited<ReturnType<typeof listRecentEditors>>[number]

function minutesAgo(instant: Date) {
  const minutes = Math.max(0, Math.floor((Date.now() - instant.getTime()) / 60_000))
  return minutes === 0 ? 'less than a minute ago' : minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`
}

/**
 * Records that this user opened the article, from the browser once the editor is shown (a page
 * render must not write), then warns about other staff who have it open.
 */
export function OtherEditors({
  articleId,
  open,
}: {
  articleId: number
  open: (articleId: number) => Promise<Editor[]>
}) {
  const [editors, setEditors] = useState<Editor[]>([])
  useEffect(() => {
    let live = true
    open(articleId).then(
      (list) => live && setEditors(list),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [articleId, open])
  if (editors.length === 0) return null
  return (
    <div
      role="status"
      className="mb-4 rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {editors.map((e) => (
        <p key={e.id}>
          <strong>{e.name}</strong> also has this article open (
          {e.openedAt ? `opened ${minutesAgo(e.openedAt)}` : `last saved ${minutesAgo(e.lastSeenAt)}`}).
        </p>
      ))}
    </div>
  )
}
