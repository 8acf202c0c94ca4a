import Link from 'next/link'

export type Publication = { status: 'published' | 'scheduled'; when: string; path: string }

/** When and where a published or scheduled article is live, under the status line of the editor. */
export function PublicationStatus({ publication }: { publication?: Publication }) {
  if (!publication) return null
  const { status, when, path } = publication
  return (
    <section aria-label="Publication" className="text-sm">
      {status === 'published' ? `Published ${when}` : `Scheduled for ${when}`} —{' '}
      {status === 'published' ? 'view at ' : 'will be at '}
      <Link href={path} className="font-mono break-all underline">
        {path}
      </Link>
    </section>
  )
}
