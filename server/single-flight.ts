import type { PageCopies } from '@/lib/page-cache'

/** What a render produced for readers who waited on it: the page as stored, or nothing to share. */
export type Rendered = {
  status: number
  headers: Record<string, string>
  body: Buffer
  copies?: PageCopies
  tags: Set<string>
} | null

/**
 * One render per URL at a time: a request arriving while a render of the same content generation
 * is under way takes that render's result instead of starting another. Without this, a purge under
 * load sends every waiting reader into Next at once.
 */
export class SingleFlight {
  private inflight = new Map<string, { generation: number; done: Promise<Rendered> }>()

  /** The render of `url` under way for this content generation, if any. */
  pending(url: string, generation: number) {
    const entry = this.inflight.get(url)
    return entry && entry.generation === generation ? entry.done : undefined
  }

  /** Registers a render of `url`; the returned function settles it for the readers waiting. */
  start(url: string, generation: number) {
    let settle: (rendered: Rendered) => void = () => {}
    const done = new Promise<Rendered>((resolve) => (settle = resolve))
    const entry = { generation, done }
    this.inflight.set(url, entry)
    void done.then(() => {
      if (this.inflight.get(url) === entry) this.inflight.delete(url)
    })
    return settle
  }
}
