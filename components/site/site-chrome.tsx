import { listCategories } from '@/db/queries/categories'
import { listNavPages } from '@/db/queries/pages'
import { getSiteLogo, getSiteSettings } from '@/db/queries/settings'
import { tagPage } from '@/lib/page-cache'
import { BreakingStrip } from './breaking-strip'
import { SharedFragment } from './shared-fragment'
import { SiteFooter } from './site-footer'
import { SiteHeader } from './site-header'

export function SiteChrome({ children }: { children: React.ReactNode }) {
  tagPage('layout')
  return (
    <>
      {/* A story marked or unmarked as breaking purges 'list' (drizzle/0004_cache_purge_triggers.sql). */}
      <SharedFragment name="header" tags={['layout', 'list']}>
        <Header />
      </SharedFragment>
      {children}
      <SharedFragment name="footer" tags={['layout']}>
        <Footer />
      </SharedFragment>
    </>
  )
}

async function Header() {
  const settings = await getSiteSettings()
  return (
    <>
      <SiteHeader
        settings={settings}
        logo={await getSiteLogo()}
        categories={await listCategories()}
        navPages={await listNavPages()}
      />
      <BreakingStrip timeZone={settings.timezone} />
    </>
  )
}

async function Footer() {
  return (
    <SiteFooter
      settings={await getSiteSettings()}
      categories={await listCategories()}
      navPages={await listNavPages()}
    />
  )
}
