import type { CategoryLink } from '@/db/queries/categories'
import type { SiteSettings } from '@/lib/settings'
import { categoryPath, pagePath } from '@/lib/urls'
import { SocialLinks } from './social-icon'

export function SiteFooter({
  settings,
  categories,
  navPages,
}: {
  settings: SiteSettings
  categories: CategoryLink[]
  navPages: { slug: string; title: string }[]
}) {
  const heading = 'mb-3 text-sm font-bold tracking-wide text-white uppercase'
  return (
    <footer className="mt-16 bg-zinc-900 text-zinc-300">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 sm:grid-cols-2 lg:grid-cols-4">
        <section aria-labelledby="footer-about">
          <h2 id="footer-about" className={heading}>
            {settings.name}
          </h2>
          {settings.description && <p className="text-sm">{settings.description}</p>}
          <SocialLinks links={settings.social} className="mt-4 -ml-2" />
        </section>
        {settings.staff.length > 0 && (
          <section aria-labelledby="footer-staff">
            <h2 id="footer-staff" className={heading}>
              Editorial staff
            </h2>
            <dl className="space-y-2 text-sm">
              {settings.staff.map((s) => (
                <div key={`${s.role}-${s.name}`}>
                  <dt className="text-zinc-400">{s.role}</dt>
                  <dd className="text-white">{s.name}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
        <section aria-labelledby="footer-offices">
          <h2 id="footer-offices" className={heading}>
            Offices
          </h2>
          {settings.registeredOffice && (
            <>
              <h3 className="text-sm text-zinc-400">Registered office</h3>
              <address className="mb-3 text-sm whitespace-pre-line not-italic">{settings.registeredOffice}</address>
            </>
          )}
          {settings.editorialOffice && (
            <>
              <h3 className="text-sm text-zinc-400">Editorial office</h3>
              <address className="text-sm whitespace-pre-line not-italic">{settings.editorialOffice}</address>
            </>
          )}
          <p className="mt-3 text-sm">
            {settings.phone && (
              <a href={`tel:${settings.phone.replace(/[^+\d]/g, '')}`} className="block py-1 hover:text-white">
                {settings.phone}
              </a>
            )}
            {settings.email && (
              <a href={`mailto:${settings.email}`} className="block py-1 hover:text-white">
                {settings.email}
              </a>
            )}
          </p>
        </section>
        <nav aria-labelledby="footer-links">
          <h2 id="footer-links" className={heading}>
            Links
          </h2>
          <ul className="grid grid-cols-2 gap-1 text-sm">
            {categories
              .filter((c) => c.parentId === null)
              .map((c) => (
                <li key={c.id}>
                  <a href={categoryPath(c.slug)} className="hover:text-white hover:underline">
                    {c.name}
                  </a>
                </li>
              ))}
            {navPages.map((p) => (
              <li key={p.slug}>
                <a href={pagePath(p.slug)} className="hover:text-white hover:underline">
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="border-t border-zinc-800 py-4 text-center text-xs text-zinc-400">
        {settings.copyright.replace('{year}', String(new Date().getFullYear()))}
      </div>
    </footer>
  )
}
