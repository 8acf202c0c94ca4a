'use server'

import path from 'node:path'
import { forbidden, redirect } from 'next/navigation'
import { z } from 'zod'
import { type FormState, staffAction } from '@/services/admin-action'
import { requireStaff } from '@/services/auth'
import { deleteMediaFiles, ingestImage, maxUploadBytes, UploadError } from '@/services/media'
import { can } from '@/lib/permissions'
import { uploadUrl } from '@/lib/urls'
import type { FeaturedImageChoice } from '@/components/admin/featured-image-fields.client'
import { deleteMedia, insertMedia, type MediaDetails, updateMediaDetails } from '@/db/mutations/media'
import { getMediaAdmin } from '@/db/queries/admin-media'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .optional()
    .transform((v) => v || null)

const mediaDetails = z.object({
  alt: z
    .string()
    .trim()
    .min(1, 'Describe the image for readers who cannot see it.')
    .max(300, 'Keep the alt text under 300 characters.'),
  caption: optionalText(500),
  credit: optionalText(200),
})

const mediaId = z.coerce.number().int().positive()

function fileError(message: string) {
  return { message, fieldErrors: { file: [message] } }
}

// Stored for the record only; never used as a file name (processImage makes its own).
function cleanOriginalName(name: string) {
  return name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 200) || null
}

/** Checks, renders and records an uploaded file: the one pipeline of the library and the article editor. */
async function storeUpload(formData: FormData, details: MediaDetails, uploadedBy: number) {
  const file = formData.get('file')
  if (!file || typeof file === 'string' || file.size === 0) return fileError('Choose an image file to upload.')
  if (file.size > maxUploadBytes) return fileError('The file is larger than 15 MB.')
  let processed: Awaited<ReturnType<typeof ingestImage>>
  try {
    processed = await ingestImage(Buffer.from(await file.arrayBuffer()), file.name)
  } catch (error) {
    if (error instanceof UploadError) return fileError(error.message)
    throw error
  }
  try {
    const id = await insertMedia(processed, { originalName: cleanOriginalName(file.name), ...details, uploadedBy })
    return { id, processed }
  } catch (error) {
    await deleteMediaFiles(processed.variants.map((v) => v.path))
    throw error
  }
}

export const uploadMedia = staffAction('media.upload', mediaDetails, async (input, user, formData) => {
  const stored = await storeUpload(formData, input, user.id)
  if (!('id' in stored)) return stored
  redirect(`/admin/media/${stored.id}/?uploaded=1`)
})

export type FeaturedUploadState = FormState & { uploaded?: FeaturedImageChoice }

const featuredUpload = staffAction(
  'media.upload',
  z.object({ alt: z.string().trim().max(300, 'Keep the alt text under 300 characters.').default('') }),
  async (input, user, formData): Promise<FeaturedUploadState> => {
    const file = formData.get('file')
    // The article's alt text when typed, else the file's name, which the media library can improve later.
    const alt = input.alt || (file && typeof file !== 'string' ? altFromFileName(file.name) : '')
    const stored = await storeUpload(formData, { alt: alt || 'Image', caption: null, credit: null }, user.id)
    if (!('id' in stored)) return stored
    const { processed } = stored
    return {
      values: {},
      uploaded: {
        id: stored.id,
        label: alt || 'Image',
        thumb: uploadUrl(processed.variants[0]?.path ?? processed.path),
        alt: alt || 'Image',
        caption: '',
        credit: '',
      },
    }
  },
)

/** Uploads an image from the article editor and hands it back to become the featured image. */
export async function uploadFeaturedImageAction(prev: FeaturedUploadState, formData: FormData) {
  return (await featuredUpload(prev, formData)) as FeaturedUploadState
}

function altFromFileName(name: string) {
  return path
    .parse(name)
    .name.replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .slice(0, 300)
}

export const saveMediaDetails = staffAction(
  'media.upload',
  mediaDetails.extend({ id: mediaId }),
  async (input, user) => {
    const item = await getMediaAdmin(input.id)
    if (!item) return { message: 'This image no longer exists.' }
    // Authors manage their own uploads; editors and admins anyone's.
    if (!can(user.role, 'articles.editOthers') && item.uploadedBy !== user.id) forbidden()
    await updateMediaDetails(input.id, { alt: input.alt, caption: input.caption, credit: input.credit }, user.id)
    redirect(`/admin/media/${input.id}/?saved=1`)
  },
)

export async function deleteMediaAction(id: number) {
  const user = await requireStaff('media.upload')
  const parsed = mediaId.safeParse(id)
  const item = parsed.success ? await getMediaAdmin(parsed.data) : undefined
  if (!item) redirect('/admin/media/')
  if (!can(user.role, 'articles.editOthers') && item.uploadedBy !== user.id) forbidden()
  const paths = await deleteMedia(item.id, user.id)
  // Files go only after the row, so no page ever points at a missing file.
  if (paths) await deleteMediaFiles(paths)
  redirect('/admin/media/?deleted=1')
}
