import type { Metadata } from 'next'
import { getSiteSettings } from '@/db/queries/settings'
import { feedAlternates, siteShareImage, twitterHandle } from '@/services/seo'
import { SiteChrome } from '@/components/site/site-chrome'

// Reader pages are rendered from the live database on request, never baked in at build time,
// because the database a server runs on is rarely the one present when it was built.
export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getSiteSettings()
  const image = siteShareImage(settings)
  // Pages replace these whole with services/seo.ts readerMetadata; the not-found page keeps them.
  return {
    title: { default: `${settings.name} | ${settings.tagline}`, template: `%s | ${settings.name}` },
    description: settings.description || settings.tagline,
    applicationName: settings.name,
    alternates: { types: feedAlternates(settings) },
    openGraph: {
      type: 'website',
      siteName: settings.name,
      locale: settings.locale.replace('-', '_'),
      images: [image],
    },
    twitter: { card: 'summary_large_image', images: [image], site: twitterHandle(settings) },
  }
}

export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return <SiteChrome>{children}</SiteChrome>
}
