import type { ImportReport } from '@/db/schema'
import type { WxrTerm } from '../wxr'

export type ImportOptions = {
  /** The staff account the import is recorded under (audit log, uploads). */
  actorId: number
  /** A local copy of wp-content/uploads. */
  mediaDir?: string
  /** Fetch media from the original site when no local copy has it (default true). */
  download?: boolean
  /** The original site's address, when the export's own is not the public one. */
  siteUrl?: string
  /** Pingbacks and trackbacks: dropped (default) or kept as held comments for moderation. */
  pingbacks?: 'drop' | 'hold'
  /** Receives bytes read so far (the file is read twice) and the total. */
  onProgress?: (done: number, total: number) => void
  /** An import_runs row to keep up to date. */
  runId?: number
  /**
   * All or nothing: the whole import is one transaction, rolled back (files included) when it
   * stops. Other writers wait for it, so it suits the command line, not a running site's upload.
   */
  atomic?: boolean
}

export type ImportResult = ImportReport & { source: string }

export type Attachment = { src: string; alt: string; caption: string; parent: number; mediaId: number | null }

const maxReportLines = 1000

/**
 * What the kinds of an import share while it runs: the site it comes from, the report, and what
 * earlier items became (posts look up their authors, sections, tags and media here).
 */
export type ImportContext = ReturnType<typeof createImportContext>

export function createImportContext(opts: ImportOptions, timeZone: string) {
  const report: ImportResult = { source: '', counts: {}, skipped: [], keptMediaUrls: [] }
  let skippedOver = 0
  return {
    opts,
    timeZone,
    report,
    /** The key mappings are recorded under: the site's host and path. */
    source: '',
    siteHost: 'wordpress.invalid',
    skip(item: string, reason: string) {
      if (report.skipped.length < maxReportLines) report.skipped.push({ item, reason })
      else skippedOver++
    },
    count(kind: string, created: boolean) {
      const c = (report.counts[kind] ??= { created: 0, updated: 0 })
      if (created) c.created++
      else c.updated++
    },
    /** Closes the list of skipped items, saying how many did not fit in it. */
    closeSkipped() {
      if (skippedOver) report.skipped.push({ item: '…', reason: `${skippedOver} more lines not listed` })
    },
    // What a failed run leaves behind, for its report: every item is its own transaction.
    written: { sections: new Set<string>(), authors: new Set<string>() },
    authorsByLogin: new Map<string, number>(),
    terms: {
      categoriesBySlug: new Map<string, number>(),
      categoriesByTermId: new Map<number, number>(),
      tagsBySlug: new Map<string, number>(),
      /** Categories listed at channel level, written together once the list ends (null after). */
      pendingCategories: [] as WxrTerm[] | null,
    },
    media: {
      /** Files this run stored, removed again when an atomic import rolls back. */
      storedFiles: [] as string[],
      attachments: new Map<number, Attachment>(),
      childrenOf: new Map<number, number[]>(),
      files: new Map<string, string>(),
      // An offload service's own file names match nothing but the address itself.
      filesByUrl: new Map<string, string>(),
      // Hosts the export's media were served from, so that their links inside posts can be matched.
      hosts: new Set<string>(),
      failedHosts: new Set<string>(),
      /** Attachment pages, redirected once the posts they belong to have their addresses. */
      pages: [] as { from: string; parent: number; src: string }[],
    },
    posts: {
      guids: new Map<string, number>(),
      inSeveralSections: 0,
      paths: new Map<number, string>(),
      otherTypes: new Map<string, number>(),
      pageParents: [] as { pageId: number; wpParent: number }[],
    },
  }
}
