import { addArticleViews } from '@/db/mutations/views'
import { currentWriteFailure, tryWrite } from '@/lib/write-failure'

/**
 * Article reads for the digest's "most read first": counted in memory as pages are served, cached
 * or not, and added to articles.view_count in one transaction every 10 s.
 */
export class ViewCounts {
  private counts = new Map<number, number>()
  private lastFlush = 0

  /** Counts a read of the page tagged so; only article pages count. */
  count(tags: Iterable<string>) {
    for (const tag of tags)
      if (tag.startsWith('article:')) {
        const id = Number(tag.slice(8))
        this.counts.set(id, (this.counts.get(id) ?? 0) + 1)
      }
  }

  /**
   * While the disk is full or the database read-only the counts stay in memory for the next
   * flush; dropped only once committed (the commit itself is what a full disk refuses). Reads
   * counted while the transaction waits its turn go to the next flush.
   */
  async flush() {
    if (!this.counts.size) return
    const batch = this.counts
    this.counts = new Map()
    const result = await tryWrite('view counts', () => addArticleViews(batch))
    if (result.ok) return
    for (const [id, n] of this.counts) batch.set(id, (batch.get(id) ?? 0) + n)
    this.counts = batch
  }

  /**
   * The 10 s timer's flush. While writes fail it tries once a minute instead: a write lock held
   * by another process costs each attempt the busy timeout, during which this process waits.
   */
  async tick() {
    if (currentWriteFailure() && Date.now() - this.lastFlush < 60_000) return
    this.lastFlush = Date.now()
    await this.flush()
  }
}
