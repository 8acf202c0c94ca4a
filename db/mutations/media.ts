import { eq } from 'drizzle-orm'
import type { ProcessedImage } from '@/lib/images'
import { db, transaction } from '../client'
import { auditLog, media } from '../schema'

export type MediaDetails = { alt: string; caption: string | null; credit: string | null }

export async function insertMedia(
  processed: ProcessedImage,
  opts: MediaDetails & { originalName: string | null; uploadedBy: number },
) {
  return transaction(async () => {
    const [{ id }] = (await db
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
      .returning({ id: media.id })) as [{ id: number }]
    await db
      .insert(auditLog)
      .values({ userId: opts.uploadedBy, action: 'upload', entityType: 'media', entityId: id, detail: processed.path })
    return id
  })
}

/** Returns false when the row no longer exists. */
export async function updateMediaDetails(id: number, details: MediaDetails, actorId: number) {
  return transaction(async () => {
    const [updated] = await db.update(media).set(details).where(eq(media.id, id)).returning({ path: media.path })
    if (!updated) return false
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'update', entityType: 'media', entityId: id, detail: updated.path })
    return true
  })
}

/**
 * Deletes the row (articles and avatars using it fall back to none through ON DELETE SET NULL) and
 * returns the stored file paths, relative to the uploads directory, for the caller to unlink.
 */
export async function deleteMedia(id: number, actorId: number) {
  return transaction(async () => {
    const [row] = await db.select({ path: media.path, variants: media.variants }).from(media).where(eq(media.id, id))
    if (!row) return undefined
    await db.delete(media).where(eq(media.id, id))
    await db
      .insert(auditLog)
      .values({ userId: actorId, action: 'delete', entityType: 'media', entityId: id, detail: row.path })
    return [...new Set([row.path, ...row.variants.map((v) => v.path)])]
  })
}
