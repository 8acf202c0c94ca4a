import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const xmllint = '/usr/bin/xmllint'
const fixtures = path.resolve(__dirname, 'fixtures')

function run(args: string[], xml: string) {
  if (!fs.existsSync(xmllint)) throw new Error('xmllint not found: apt-get install libxml2-utils')
  const result = spawnSync(xmllint, ['--noout', '--nonet', ...args, '-'], { input: xml, encoding: 'utf8' })
  return { ok: result.status === 0, errors: result.stderr.trim() }
}

/** Parses with libxml2; the errors it printed, or '' for a well-formed document. */
export function xmlErrors(xml: string) {
  return run([], xml).errors
}

/** Validates a sitemap, sitemap index or Google News sitemap against the schemas in e2e/fixtures/. */
export function sitemapErrors(xml: string) {
  const { ok, errors } = run(['--schema', path.join(fixtures, 'sitemap.xsd')], xml)
  return ok ? '' : errors
}
