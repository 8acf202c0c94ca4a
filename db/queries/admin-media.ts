import 'server-only'
import { count, desc, eq } from 'drizzle-orm'
import { db } from '../client'
import { articles, media, users } from '../schema'

// The media library is shared: every uploader sees every image, so any of them can be picked in the editor.

const columns = {
  id: media.id,
  path: media.path,
  originalName: media.originalName,
  mimeType: media.mimeType,
  width: media.width,
  height: media.height,
  bytes: media.bytes,
  variants: media.variants,
  alt: media.alt,
  caption: media.caption,
  credit: media.credit,
  uploadedBy: media.uploadedBy,
  uploaderName: users.name,
  createdAt: media.createdAt,
}

export async function listMediaAdmin({ page }: { page: number }, perPage = 24) {
  const total = (await db.select({ n: count() }).from(media))[0]?.n ?? 0
  const rows = await db
    .select(columns)
    .from(media)
    .leftJoin(users, eq(users.id, media.uploadedBy))
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}

export async function getMediaAdmin(id: number) {
  const [row] = await db
    .select(columns)
    .from(media)
    .leftJoin(users, eq(users.id, media.uploadedBy))
    .where(eq(media.id, id))
  if (!row) return undefined
  const usedBy = (await db.select({ n: count() }).from(articles).where(eq(articles.featuredImageId, id)))[0]?.n ?? 0
  return { ...row, usedBy }
}
