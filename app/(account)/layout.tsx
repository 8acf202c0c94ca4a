import { SiteChrome } from '@/components/site/site-chrome'

// Account pages depend on who is asking; the front server (server/reader-page.ts) never caches them.
export const dynamic = 'force-dynamic'

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return <SiteChrome>{children}</SiteChrome>
}
