import { SocialIcon } from './social-icon'

/**
 * Plain links to each network's own share page: no script, no widget, nothing loaded from the
 * networks until a reader chooses one.
 */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  const u = encodeURIComponent(url)
  const t = encodeURIComponent(title)
  const targets = [
    { name: 'facebook', label: 'Share on Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'x', label: 'Share on X', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'linkedin', label: 'Share on LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: 'whatsapp', label: 'Share on WhatsApp', href: `https://wa.me/?text=${t}%20${u}` },
    { name: 'email', label: 'Share by e-mail', href: `mailto:?subject=${t}&body=${u}` },
  ] as const
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p id="share-label" className="text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">
        Share
      </p>
      <ul aria-labelledby="share-label" className="flex flex-wrap gap-1">
        {targets.map((s) => (
          <li key={s.name}>
            <a
              href={s.href}
              rel="noopener"
              className="inline-flex size-8 items-center justify-center border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800"
            >
              <SocialIcon name={s.name} />
              <span className="sr-only">{s.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
