import Database from 'better-sqlite3'
import path from 'node:path'

/** Read-only access to the database the test server runs on, to find rows to visit. */
export function openTestDb() {
  return new Database(path.resolve('e2e/.data/test.db'), { readonly: true, fileMustExist: true })
}

export function articleUrl(slug: string, publishedAt: number, timeZone = 'Asia/Kolkata') {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(publishedAt)
  const get = (t: string) => parts.find((p) => p.type === t)!.value
  return `/${get('year')}/${get('month')}/${get('day')}/${slug}/`
}
