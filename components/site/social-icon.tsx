import type { SocialNetwork } from '@/lib/settings'

const paths: Record<SocialNetwork, string> = {
  facebook: 'M14 8h3V4h-3c-2.8 0-4 1.7-4 4.3V10H7v4h3v10h4V14h3l1-4h-4V8.5c0-.4.3-.5.6-.5Z',
  x: 'M4 4h4.5l4 5.6L17.3 4H20l-6.3 7.3L20.5 20H16l-4.3-6-5.2 6H4l6.6-7.6Z',
  instagram:
    'M7.5 3h9A4.5 4.5 0 0 1 21 7.5v9a4.5 4.5 0 0 1-4.5 4.5h-9A4.5 4.5 0 0 1 3 16.5v-9A4.5 4.5 0 0 1 7.5 3Zm4.5 5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm5-3.2a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z',
  youtube:
    'M21.6 7.2a2.5 2.5 0 0 0-1.8-1.8C18.2 5 12 5 12 5s-6.2 0-7.8.4A2.5 2.5 0 0 0 2.4 7.2 26 26 0 0 0 2 12a26 26 0 0 0 .4 4.8 2.5 2.5 0 0 0 1.8 1.8C5.8 19 12 19 12 19s6.2 0 7.8-.4a2.5 2.5 0 0 0 1.8-1.8A26 26 0 0 0 22 12a26 26 0 0 0-.4-4.8ZM10 15V9l5.2 3Z',
  linkedin:
    'M4 9h3.5v11H4Zm1.8-5.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM9.5 9H13v1.6c.5-.9 1.7-1.9 3.5-1.9 3.7 0 4.5 2.4 4.5 5.6V20h-3.5v-5c0-1.2 0-2.8-1.7-2.8s-2 1.3-2 2.7V20H9.5Z',
}

const labels: Record<SocialNetwork, string> = {
  facebook: 'Facebook',
  x: 'X',
  instagram: 'Instagram',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
}

export function SocialLinks({
  links,
  className,
}: {
  links: { network: SocialNetwork; url: string }[]
  className?: string
}) {
  if (links.length === 0) return null
  return (
    <ul className={`flex items-center gap-1 ${className ?? ''}`}>
      {links.map((l) => (
        <li key={l.network}>
          <a
            href={l.url}
            rel="me noopener"
            className="inline-flex size-8 items-center justify-center rounded-full hover:bg-white/15"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" className="size-4 fill-current">
              <path d={paths[l.network]} />
            </svg>
            <span className="sr-only">{labels[l.network]}</span>
          </a>
        </li>
      ))}
    </ul>
  )
}
