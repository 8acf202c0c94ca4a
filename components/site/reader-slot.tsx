import { headers } from 'next/headers'
import type { DetailedHTMLProps, HTMLAttributes, ReactNode } from 'react'
import { readerNameToken, slotsHeader } from '@/lib/reader-slots'

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'gazette-slot': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & { 'data-slot': string }
    }
  }
}

/** Where a signed-in reader's name goes in a variant; the front server puts it in, escaped. */
export const ReaderName = () => readerNameToken

/**
 * A place on a shared page that a signed-in reader sees otherwise: `children` for anonymous
 * readers, `variants` for the front server to choose from per reader (lib/reader-slots.ts). Only
 * `children` on a page the front server will not cut.
 */
export async function ReaderSlot({
  slot,
  variants,
  children,
}: {
  slot: string
  variants: Record<string, ReactNode>
  children: ReactNode
}) {
  if ((await headers()).get(slotsHeader) !== '1') return children
  return (
    <gazette-slot data-slot={slot}>
      {Object.entries(variants).map(([name, variant]) => (
        <template key={name} data-variant={name}>
          {variant}
        </template>
      ))}
      {children}
    </gazette-slot>
  )
}
