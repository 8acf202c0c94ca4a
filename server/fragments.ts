import { type FragmentName, fragmentNames } from '@/lib/shared-fragments'

// What a fragment shows can change without a purge (the footer's copyright year): an hour bounds it.
const maxAgeMs = 60 * 60 * 1000

/**
 * The shared fragments of reader pages (lib/shared-fragments.ts) this process holds, each for the
 * page cache's generation it was rendered in: any purge moves the generation and so drops them all,
 * and the next page rendered brings them back. Each process holds its own, as it does its pages.
 */
export class FragmentStore {
  private held = new Map<FragmentName, { html: string; generation: number; at: number }>()

  /** The fragments rendered in `generation`, to be announced to a render starting now. */
  current(generation: number, now = Date.now()) {
    const current = new Map<FragmentName, string>()
    for (const name of fragmentNames) {
      const fragment = this.held.get(name)
      if (fragment && fragment.generation === generation && now - fragment.at < maxAgeMs)
        current.set(name, fragment.html)
    }
    return current
  }

  /** Keeps what a render started in `startedAt` marked, unless content changed while it rendered. */
  keep(fragments: ReadonlyMap<FragmentName, string>, startedAt: number, generation: number, now = Date.now()) {
    if (startedAt !== generation) return
    for (const [name, html] of fragments) this.held.set(name, { html, generation, at: now })
  }
}
