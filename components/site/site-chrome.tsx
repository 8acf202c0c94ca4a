import { listCategories } from '@/db/queries/categories'
import { listNavPages } from '@/db/queries/pages'
import { getSiteLogo, getSiteSettings } from '@/db/queries/settings'
import { tagPage } from '@/lib/page-cache'
import { BreakingStrip } from './breaking-strip'
import { SiteFooter } from './site-footer'
import { SiteHeader } from './site-header'

export async function SiteChrome({ children }: { children: React.ReactNode }) {
  tagPage('layout')
  const settings = await getSiteSettings()
  const categories = await listCategories()
  const navPages = await listNavPages()
  return (
    <>
      <SiteHeader settings={settings} logo={await getSiteLogo()} categories={categories} navPages={navPages} />
      <BreakingStrip timeZone={settings.timezone} />
      {children}
      <SiteFooter settings={settings} categories={categories} navPages={navPages} />
    </>
  )
}
