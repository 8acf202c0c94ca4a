import { eq } from 'drizzle-orm'
import type { ProcessedImage } from '@/services/media'
import type { Executor } from '../client'
import { auditLog, media } from '../schema'

export type MediaDetails = { alt: string; caption: string | null; credit: string | null }

export function insertMedia(
  db: Executor,
  processed: ProcessedImage,
  opts: MediaDetails & { originalName: string | null; uploadedBy: number },
) {
  return db.transaction((tx) => {
    const { id } = tx
      .insert(media)
      .values({
        path: processed.path,
        originalName: opts.originalName,
        mimeType: processed.mimeType,
        width: processed.width,
        height: processed.height,
        bytes: processed.bytes,
        variants: processed.variants,
        alt: opts.alt,
        caption: opts.caption,
        credit: opts.credit,
        uploadedBy: opts.uploadedBy,
      })
      .returning({ id: media.id })
      .get()
    tx.insert(auditLog)
      .values({ userId: opts.uploadedBy, action: 'upload', entityType: 'media', entityId: id, detail: processed.path })
      .run()
    return id
  })
}

/** Returns false when the row no longer exists. */
export function updateMediaDetails(db: Executor, id: number, details: MediaDetails, actorId: number) {
  return db.transaction((tx) => {
    const updated = tx.update(media).set(details).where(eq(media.id, id)).returning({ path: media.path }).get()
    if (!updated) return false
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'update', entityType: 'media', entityId: id, detail: updated.path })
      .run()
    return true
  })
}

/**
 * Deletes the row (articles and avatars using it fall back to none through ON DELETE SET NULL) and
 * returns the stored file paths, relative to the uploads directory, for the caller to unlink.
 */
export function deleteMedia(db: Executor, id: number, actorId: number) {
  return db.transaction((tx) => {
    const row = tx.select({ path: media.path, variants: media.variants }).from(media).where(eq(media.id, id)).get()
    if (!row) return undefined
    tx.delete(media).where(eq(media.id, id)).run()
    tx.insert(auditLog)
      .values({ userId: actorId, action: 'delete', entityType: 'media', entityId: id, detail: row.path })
      .run()
    return [...new Set([row.path, ...row.variants.map((v) => v.path)])]
  })
}
