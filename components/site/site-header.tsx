import type { CategoryLink } from '@/db/queries/categories'
import type { SiteSettings } from '@/lib/settings'
import { categoryPath, pagePath } from '@/lib/urls'
import { AccountLink } from './account-link'
import { Picture } from './picture'
import { SocialLinks } from './social-icon'

function SearchForm({ id }: { id: string }) {
  return (
    <form action="/search/" method="get" role="search" className="flex w-full">
      <label htmlFor={id} className="sr-only">
        Search articles
      </label>
      <input
        id={id}
        type="search"
        name="q"
        required
        placeholder="Search…"
        className="min-w-0 flex-1 border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
      />
      <button type="submit" className="bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
        Search
      </button>
    </form>
  )
}

// The mobile menu and the search toggle are <details> elements: they open without JavaScript.
export function SiteHeader({
  settings,
  logo,
  categories,
  navPages,
}: {
  settings: SiteSettings
  logo?: { path: string; width: number; height: number; variants: { width: number; height: number; path: string }[] }
  categories: CategoryLink[]
  navPages: { slug: string; title: string }[]
}) {
  const topLevel = categories.filter((c) => c.parentId === null)
  return (
    <header>
      <a
        href="#main"
        className="sr-only z-50 bg-white px-4 py-2 text-zinc-900 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="bg-zinc-900 text-zinc-100">
        {/* On a phone only the account link stays up here: pages, contacts and networks are in the footer. */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-end gap-x-6 gap-y-1 px-4 py-1 text-sm md:justify-between">
          <div className="hidden md:block">
            <SocialLinks links={settings.social} />
          </div>
          <nav aria-label="Site pages" className="hidden md:block">
            <ul className="flex flex-wrap gap-x-4">
              {navPages.map((p) => (
                <li key={p.slug}>
                  <a href={pagePath(p.slug)} className="hover:underline">
                    {p.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="flex flex-wrap gap-x-4 text-zinc-300">
            {settings.phone && (
              <a href={`tel:${settings.phone.replace(/[^+\d]/g, '')}`} className="hidden hover:text-white md:inline">
                <span className="sr-only">Phone: </span>
                {settings.phone}
              </a>
            )}
            {settings.email && (
              <a href={`mailto:${settings.email}`} className="hidden hover:text-white md:inline">
                <span className="sr-only">E-mail: </span>
                {settings.email}
              </a>
            )}
            <AccountLink />
          </div>
        </div>
      </div>
      <div className="mx-auto flex max-w-7xl flex-wrap items-end justify-between gap-4 px-4 py-3 sm:py-6">
        <div>
          <a href="/" className="font-serif text-2xl font-black tracking-tight sm:text-5xl">
            {logo ? (
              <Picture image={logo} alt={settings.name} sizes="320px" priority className="h-10 w-auto sm:h-16" />
            ) : (
              settings.name
            )}
          </a>
          {settings.tagline && (
            <p className="mt-1 hidden text-sm text-zinc-600 sm:block dark:text-zinc-400">{settings.tagline}</p>
          )}
        </div>
        <div className="hidden w-80 md:block">
          <SearchForm id="search-desktop" />
        </div>
      </div>
      <div className="border-y-4 border-double border-zinc-900 dark:border-zinc-200">
        <div className="mx-auto max-w-7xl px-4">
          <nav aria-label="Sections" className="hidden md:block">
            <ul className="flex flex-wrap">
              <li>
                <a
                  href="/"
                  className="block px-3 py-3 text-sm font-semibold uppercase hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  Home
                </a>
              </li>
              {topLevel.map((c) => (
                <li key={c.id}>
                  <a
                    href={categoryPath(c.slug)}
                    className="block px-3 py-3 text-sm font-semibold uppercase hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  >
                    {c.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="flex items-start justify-between gap-2 py-1 md:hidden">
            <details className="group flex-1">
              <summary className="inline-flex cursor-pointer list-none items-center gap-2 px-2 py-2 text-sm font-semibold uppercase">
                <svg
                  viewBox="0 0 24 24"
                  aria-hidden="true"
                  className="size-5 stroke-current"
                  fill="none"
                  strokeWidth="2"
                >
                  <path d="M4 6h16M4 12h16M4 18h16" />
                </svg>
                Menu
              </summary>
              <nav aria-label="Sections (mobile)">
                <ul className="grid grid-cols-2 gap-1 py-2">
                  <li>
                    <a href="/" className="block px-2 py-2 text-sm font-semibold uppercase">
                      Home
                    </a>
                  </li>
                  {topLevel.map((c) => (
                    <li key={c.id}>
                      <a href={categoryPath(c.slug)} className="block px-2 py-2 text-sm font-semibold uppercase">
                        {c.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </details>
            <details className="group">
              <summary className="inline-flex cursor-pointer list-none items-center gap-2 px-2 py-2 text-sm font-semibold uppercase">
                <svg
                  viewBox="0 0 24 24"
                  aria-hidden="true"
                  className="size-5 stroke-current"
                  fill="none"
                  strokeWidth="2"
                >
                  <circle cx="11" cy="11" r="7" />
                  <path d="m20 20-4-4" />
                </svg>
                Search
              </summary>
              <div className="absolute right-4 left-4 z-10 bg-white p-2 shadow-lg dark:bg-zinc-900">
                <SearchForm id="search-mobile" />
              </div>
            </details>
          </div>
        </div>
      </div>
    </header>
  )
}
