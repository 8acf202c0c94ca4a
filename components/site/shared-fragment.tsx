import { headers } from 'next/headers'
import type { DetailedHTMLProps, HTMLAttributes, ReactNode } from 'react'
import { tagPage } from '@/lib/page-cache'
import { type FragmentName, fragmentsHeader, heldFragments } from '@/lib/shared-fragments'

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'gazette-fragment': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & { 'data-name': string }
      'gazette-include': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & { 'data-name': string }
    }
  }
}

/**
 * A part every reader page shares (lib/shared-fragments.ts): left out when the front server holds
 * it, marked for it to keep when it does not, and plain on a page it will not cut. The page carries
 * `tags` either way, so a purge of what the fragment shows drops the page too. `children` render only
 * when needed, so a held fragment costs neither its queries nor its elements.
 */
export async function SharedFragment({
  name,
  tags,
  children,
}: {
  name: FragmentName
  tags: string[]
  children: ReactNode
}) {
  tagPage(...tags)
  const held = heldFragments((await headers()).get(fragmentsHeader))
  if (!held) return children
  if (held.has(name)) return <gazette-include data-name={name} />
  return <gazette-fragment data-name={name}>{children}</gazette-fragment>
}
