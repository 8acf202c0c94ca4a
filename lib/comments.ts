/** Replies nest this deep at most (a top-level comment is depth 1). */
export const maxCommentDepth = 5

/** Closed by the article's own switch, or `closeAfterDays` after publication (0: never). */
export function commentsClosed(
  article: { commentsOpen: boolean; publishedAt: Date | null },
  closeAfterDays: number,
  now = Date.now(),
) {
  if (!article.commentsOpen) return true
  if (closeAfterDays <= 0 || !article.publishedAt) return false
  return now - article.publishedAt.getTime() > closeAfterDays * 24 * 60 * 60 * 1000
}
