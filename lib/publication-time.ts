export type PublicationIntent = 'save' | 'autosave' | 'submit' | 'publish' | 'schedule' | 'unpublish'
type Status = 'draft' | 'pending' | 'scheduled' | 'published'
export type Publication = { status: Status; publishedAt: Date | null }

const minute = 60_000

/**
 * What an article's status and publication time become when the editor presses a button, given
 * the time in "Publish at" (null when empty). Like WordPress, any time is accepted: a past one
 * publishes at once with that date (a story that ran in print), a future one schedules. Returns an
 * error message instead when the button needs a time and none was given.
 */
export function publicationTransition(
  intent: PublicationIntent,
  existing: Publication | undefined,
  chosenAt: Date | null,
  now: Date,
): Publication | { error: string } {
  const live = existing?.status === 'published' || existing?.status === 'scheduled'
  const at = (instant: Date): Publication => ({
    status: instant.getTime() > now.getTime() ? 'scheduled' : 'published',
    publishedAt: instant,
  })
  // The field shows minutes only: an unchanged minute keeps the stored instant to the millisecond.
  const changed =
    chosenAt !== null &&
    (!existing?.publishedAt || Math.floor(existing.publishedAt.getTime() / minute) !== chosenAt.getTime() / minute)
  switch (intent) {
    case 'publish':
      if (changed) return at(chosenAt!)
      // The scheduled time left as it was: Publish means now.
      return {
        status: 'published',
        publishedAt: existing?.status === 'published' && existing.publishedAt ? existing.publishedAt : now,
      }
    case 'schedule':
      if (!chosenAt) return { error: 'Choose a publication date and time.' }
      return changed ? at(chosenAt) : at(existing!.publishedAt!)
    case 'unpublish':
      return { status: 'draft', publishedAt: null }
    case 'submit':
      return { status: 'pending', publishedAt: null }
    default:
      if (!existing) return { status: 'draft', publishedAt: null }
      if (live && changed) return at(chosenAt!)
      return { status: existing.status, publishedAt: existing.publishedAt }
  }
}
