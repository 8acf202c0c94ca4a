// Helpers for the importer's unit tests: a fixture's events, and a context as the orchestrator makes it.
import fs from 'node:fs'
import path from 'node:path'
import { migrateDatabase } from '@/db/migrate'
import { readSiteSettings } from '@/db/queries/site-settings'
import { importActor } from '@/db/mutations/wordpress'
import { readWxr, type WxrAuthor, type WxrItem, type WxrSite, type WxrTerm } from '../wxr'
import { createImportContext, type ImportOptions } from './context'

export const fixturePath = (name = 'newsroom') =>
  path.join(import.meta.dirname, '..', 'fixtures', name === 'newsroom' ? '' : 'cases', `${name}.wordpress.xml`)

/** A fixture's site, authors, terms and items, in the order the export lists them. */
export async function readFixture(name = 'newsroom') {
  let site: WxrSite | undefined
  const authors: WxrAuthor[] = []
  const terms: WxrTerm[] = []
  const items: WxrItem[] = []
  for await (const e of readWxr(fs.createReadStream(fixturePath(name)))) {
    if (e.kind === 'site') site = e.site
    else if (e.kind === 'author') authors.push(e.author)
    else if (e.kind === 'term') terms.push(e.term)
    else items.push(e.item)
  }
  const item = (id: number) => items.find((i) => i.id === id)!
  return { site: site!, authors, terms, items, item }
}

/** A migrated test database and its import account. */
export async function prepareDatabase() {
  await migrateDatabase()
  return (await importActor({ adminEmail: 'admin@example.com', passwordHash: 'x' }))!.id
}

/** A context for an import of `siteUrl`, as the orchestrator leaves it once the site is known. */
export async function testContext(siteUrl: string, opts: ImportOptions) {
  const ctx = createImportContext(opts, (await readSiteSettings()).timezone)
  const u = new URL(siteUrl)
  ctx.siteHost = u.host
  ctx.source = `${u.host}${u.pathname.replace(/\/$/, '')}`
  ctx.report.source = ctx.source
  return ctx
}
