import { and, eq, sql } from 'drizzle-orm'
import { db, prepared } from '../client'
import { media, wordpressImports } from '../schema'

export type ImportKind = (typeof wordpressImports.$inferSelect)['kind']

const ph = sql.placeholder

// Asked once or twice for every item and comment of an import.
const mappingQuery = prepared(() =>
  db
    .select({ targetId: wordpressImports.targetId, url: wordpressImports.url })
    .from(wordpressImports)
    .where(
      and(
        eq(wordpressImports.source, ph('source')),
        eq(wordpressImports.kind, ph('kind')),
        eq(wordpressImports.wpKey, ph('wpKey')),
      ),
    ),
)

/** What an earlier import made of a WordPress item of `source`, if anything. */
export async function findMapping(source: string, kind: ImportKind, wpKey: string | number) {
  return mappingQuery.get({ source, kind, wpKey: String(wpKey) })
}

/** The media row an earlier import stored for an attachment, when it is still there. */
export async function findImportedMedia(id: number) {
  const [row] = await db.select({ id: media.id, path: media.path }).from(media).where(eq(media.id, id)).limit(1)
  return row
}
