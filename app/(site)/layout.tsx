import type { Metadata } from 'next'
import { getSiteSettings } from '@/db/queries/settings'
import { SiteChrome } from '@/components/site/site-chrome'

// Reader pages are rendered from the live database on request, never baked in at build time,
// because the database a server runs on is rarely the one present when it was built.
export const dynamic = 'force-dynamic'

export function generateMetadata(): Metadata {
  const settings = getSiteSettings()
  return {
    title: { default: `${settings.name} | ${settings.tagline}`, template: `%s | ${settings.name}` },
    description: settings.description || settings.tagline,
    applicationName: settings.name,
  }
}

export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return <SiteChrome>{children}</SiteChrome>
}
