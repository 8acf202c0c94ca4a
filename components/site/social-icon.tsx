import { type SocialNetwork, socialNetworkNames } from '@/lib/social-networks'

/** 24×24 glyphs of the networks, filled with currentColor. */
export const socialIconPaths: Record<SocialNetwork | 'email', string> = {
  facebook: 'M14 8h3V4h-3c-2.8 0-4 1.7-4 4.3V10H7v4h3v10h4V14h3l1-4h-4V8.5c0-.4.3-.5.6-.5Z',
  x: 'M4 4h4.5l4 5.6L17.3 4H20l-6.3 7.3L20.5 20H16l-4.3-6-5.2 6H4l6.6-7.6Z',
  instagram:
    'M7.5 3h9A4.5 4.5 0 0 1 21 7.5v9a4.5 4.5 0 0 1-4.5 4.5h-9A4.5 4.5 0 0 1 3 16.5v-9A4.5 4.5 0 0 1 7.5 3Zm4.5 5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm5-3.2a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z',
  linkedin:
    'M4 9h3.5v11H4Zm1.8-5.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4ZM9.5 9H13v1.6c.5-.9 1.7-1.9 3.5-1.9 3.7 0 4.5 2.4 4.5 5.6V20h-3.5v-5c0-1.2 0-2.8-1.7-2.8s-2 1.3-2 2.7V20H9.5Z',
  youtube:
    'M21.6 7.2a2.5 2.5 0 0 0-1.8-1.8C18.2 5 12 5 12 5s-6.2 0-7.8.4A2.5 2.5 0 0 0 2.4 7.2 26 26 0 0 0 2 12a26 26 0 0 0 .4 4.8 2.5 2.5 0 0 0 1.8 1.8C5.8 19 12 19 12 19s6.2 0 7.8-.4a2.5 2.5 0 0 0 1.8-1.8A26 26 0 0 0 22 12a26 26 0 0 0-.4-4.8ZM10 15V9l5.2 3Z',
  tiktok: 'M14 3h3a4 4 0 0 0 4 4v3a7 7 0 0 1-4-1.3V15a6 6 0 1 1-6-6v3a3 3 0 1 0 3 3Z',
  threads:
    'M12 2a10 10 0 1 0 5 18.7l-1-1.7A8 8 0 1 1 20 12v1a2 2 0 0 1-4 0V8h-2v.8A4 4 0 1 0 16.4 15a4 4 0 0 0 5.6-2v-1A10 10 0 0 0 12 2Zm0 8a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z',
  bluesky:
    'M6.3 4.2C8.6 5.9 11 9.3 12 11c1-1.7 3.4-5.1 5.7-6.8C19.4 3 22 2.1 22 5c0 .6-.3 4.8-.5 5.5-.7 2.4-3.1 3-5.3 2.6 3.8.7 4.8 2.8 2.7 5-4 4.1-5.7-1-6.2-2.3L12 14.9l-.7 1c-.5 1.2-2.2 6.3-6.2 2.2-2.1-2.2-1.1-4.3 2.7-5-2.2.4-4.6-.2-5.3-2.6C2.3 9.8 2 5.6 2 5c0-2.9 2.6-2 4.3-.8Z',
  mastodon:
    'M21 8.5c0-4.2-2.8-5.4-2.8-5.4C16.8 2.4 14.4 2 12 2c-2.5 0-4.8.4-6.2 1.1 0 0-2.8 1.2-2.8 5.4 0 4.6-.3 10.3 4.6 11.6 1.7.5 3.2.6 4.4.5 2.2-.1 3.4-.8 3.4-.8l-.1-1.6s-1.5.5-3.3.4c-1.7-.1-3.5-.2-3.8-2.3v-.6s1.7.4 3.8.5c1.3.1 2.5-.1 3.7-.2 2.4-.3 4.4-1.7 4.7-3 .4-2.1.4-5.1.4-5.1ZM17.4 14h-2.3V8.6c0-1.2-.5-1.7-1.5-1.7-1.1 0-1.6.7-1.6 2.1v2.9H9.8V9c0-1.4-.5-2.1-1.6-2.1-1 0-1.5.6-1.5 1.7V14H4.4V8.4c0-2.5 1.2-3.8 3.3-3.8 1.2 0 2 .4 2.6 1.3l.6 1 .6-1c.6-.9 1.4-1.3 2.6-1.3 2.1 0 3.3 1.3 3.3 3.8Z',
  whatsapp:
    'M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2Zm0 2a8 8 0 1 1-4.2 14.8l-.3-.2-3 .8.8-2.9-.2-.3A8 8 0 0 1 12 4ZM8.8 7.5c-.3 0-.7.1-1 .5-.4.4-1.2 1.2-1.2 2.8s1.2 3.2 1.4 3.4c.2.2 2.3 3.6 5.7 4.9 2.8 1.1 3.4.9 4 .8.6-.1 2-.8 2.2-1.6.3-.8.3-1.5.2-1.6l-.6-.4-2.1-1c-.3-.1-.5-.2-.7.2l-1 1.2c-.2.2-.4.3-.7.1-.3-.2-1.3-.5-2.5-1.6-.9-.8-1.6-1.9-1.8-2.2-.2-.3 0-.5.1-.7l.5-.5.3-.5v-.5l-1-2.3c-.2-.6-.5-.5-.7-.5Z',
  telegram:
    'M21.4 3.6 2.9 10.7c-1.1.4-1.1 1.6 0 1.9l4.6 1.5 1.8 5.4c.2.7 1.1.9 1.6.4l2.6-2.4 4.9 3.6c.6.4 1.4.1 1.6-.6l3-15.3c.2-1.1-.7-1.9-1.6-1.6ZM10 14.5l8-7-6.6 7.8-.4 2.9Z',
  rss: 'M4 4a16 16 0 0 1 16 16h-3A13 13 0 0 0 4 7Zm0 6a10 10 0 0 1 10 10h-3a7 7 0 0 0-7-7Zm2 6a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z',
  email:
    'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2.4V17h16V7.4l-8 5.4Zm1.6-.4L12 11.3 18.4 7Z',
}

export function SocialIcon({ name, className = 'size-4' }: { name: keyof typeof socialIconPaths; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={`fill-current ${className}`}>
      <path d={socialIconPaths[name]} fillRule="evenodd" />
    </svg>
  )
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
    <ul className={`flex flex-wrap items-center gap-1 ${className ?? ''}`}>
      {links.map((l) => (
        <li key={l.network}>
          <a
            href={l.url}
            rel="me noopener"
            className="inline-flex size-8 items-center justify-center rounded-full hover:bg-white/15"
          >
            <SocialIcon name={l.network} />
            <span className="sr-only">{socialNetworkNames[l.network]}</span>
          </a>
        </li>
      ))}
    </ul>
  )
}
