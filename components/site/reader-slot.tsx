import { headers } from 'next/headers'
import { cache, type DetailedHTMLProps, type HTMLAttributes, type ReactNode } from 'react'
import { readerNameToken, slotsHeader } from '@/lib/reader-slots'

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'gazette-slot': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
        'data-slot': string
        'data-pattern'?: string
        [fill: `data-fill-${string}`]: string
      }
    }
  }
}

/** Where a signed-in reader's name goes in a variant; the front server puts it in, escaped. */
export const ReaderName = () => readerNameToken

/** The patterns already on the page being rendered: each is rendered once, by its first slot. */
const patternsRendered = cache(() => new Set<string>())

/**
 * A place on a shared page that a signed-in reader sees otherwise: `children` for anonymous
 * readers, `variants` for the front server to choose from per reader (lib/reader-slots.ts). A
 * `pattern` is a variant the same in every slot of its kind but for `fill`: it is rendered once a
 * page, with `fillToken`s, and the front server puts in each slot's values. Only `children` on a
 * page the front server will not cut.
 */
export async function ReaderSlot({
  slot,
  variants = {},
  pattern,
  children,
}: {
  slot: string
  variants?: Record<string, ReactNode>
  pattern?: { name: string; variant: ReactNode; fill: Record<string, string | number> }
  children: ReactNode
}) {
  if ((await headers()).get(slotsHeader) !== '1') return children
  const rendered = patternsRendered()
  const first = pattern !== undefined && !rendered.has(pattern.name)
  if (first) rendered.add(pattern.name)
  const fill = Object.fromEntries(
    Object.entries(pattern?.fill ?? {}).map(([name, value]) => [`data-fill-${name}`, String(value)]),
  )
  return (
    <>
      {first && <template data-pattern={pattern.name}>{pattern.variant}</template>}
      <gazette-slot data-slot={slot} data-pattern={pattern?.name} {...fill}>
        {Object.entries(variants).map(([name, variant]) => (
          <template key={name} data-variant={name}>
            {variant}
          </template>
        ))}
        {children}
      </gazette-slot>
    </>
  )
}
