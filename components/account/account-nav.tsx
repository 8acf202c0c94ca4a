import Link from 'next/link'

const links = [
  { href: '/account/', label: 'Profile' },
  { href: '/account/lists/', label: 'Reading lists' },
  { href: '/account/digest/', label: 'Digest' },
]

export function AccountNav({ current }: { current: string }) {
  return (
    <nav aria-label="Your account" className="mb-8 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="flex flex-wrap gap-x-6">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={l.href === current ? 'page' : undefined}
              className="inline-block py-2 font-semibold hover:underline aria-[current=page]:border-b-2 aria-[current=page]:border-zinc-900 dark:aria-[current=page]:border-zinc-100"
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
