import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireStaff } from '@/services/auth'
import { can } from '@/lib/permissions'
import { uploadUrl } from '@/lib/urls'
import { getMediaAdmin } from '@/db/queries/admin-media'
import { SubmitButton } from '@/components/admin/submit-button.client'
import { MediaDetailsForm } from '@/components/admin/media-details-form.client'
import { deleteMediaAction, saveMediaDetails } from '../actions'

export const metadata: Metadata = { title: 'Image' }

const messages: Record<string, string> = { uploaded: 'Image uploaded.', saved: 'Changes saved.' }

export default async function MediaItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | undefined>>
}) {
  const user = await requireStaff('media.upload')
  const { id } = await params
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound()
  const item = await getMediaAdmin(Number(id))
  if (!item) notFound()
  const sp = await searchParams
  const flash = Object.keys(messages).find((k) => sp[k] === '1')
  const canManage = can(user.role, 'articles.editOthers') || item.uploadedBy === user.id
  const variants = item.variants.length ? item.variants : [{ path: item.path, width: item.width, height: item.height }]
  const medium = variants.filter((v) => v.width <= 800).at(-1) ?? variants[0]!

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/media/" className="underline">
          ← Media library
        </Link>
      </p>
      <h1 className="mb-6 text-2xl font-bold break-words">{item.alt || item.originalName || `Image ${item.id}`}</h1>
      {flash && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {messages[flash]}
        </p>
      )}
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_320px]">
        <figure>
          <img
            src={uploadUrl(medium.path)}
            srcSet={variants.map((v) => `${uploadUrl(v.path)} ${v.width}w`).join(', ')}
            sizes="(min-width: 1024px) 800px, 100vw"
            width={medium.width}
            height={medium.height}
            alt={item.alt}
            className="h-auto max-w-full rounded border border-zinc-200 dark:border-zinc-800"
          />
          {(item.caption || item.credit) && (
            <figcaption className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
              {item.caption}
              {item.credit && <span className="text-zinc-500"> {item.credit}</span>}
            </figcaption>
          )}
        </figure>
        <aside className="space-y-6">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Dimensions</dt>
            <dd>
              {item.width} × {item.height} px
            </dd>
            <dt className="font-medium">Stored as</dt>
            <dd>
              {item.mimeType}, {Math.max(1, Math.round(item.bytes / 1024))} KB
            </dd>
            <dt className="font-medium">Original file</dt>
            <dd className="break-all">{item.originalName ?? '—'}</dd>
            <dt className="font-medium">Uploaded</dt>
            <dd>
              {item.createdAt.toISOString().slice(0, 10)}
              {item.uploaderName ? ` by ${item.uploaderName}` : ''}
            </dd>
            <dt className="font-medium">Used by</dt>
            <dd>
              {item.usedBy} {item.usedBy === 1 ? 'article' : 'articles'}
            </dd>
          </dl>
          <section aria-labelledby="renditions-heading">
            <h2 id="renditions-heading" className="mb-2 font-semibold">
              Renditions
            </h2>
            <ul aria-labelledby="renditions-heading" className="space-y-1 text-sm">
              {variants.map((v) => (
                <li key={v.path}>
                  <a href={uploadUrl(v.path)} className="underline">
                    {v.width} × {v.height}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          {canManage ? (
            <>
              <section aria-labelledby="details-heading">
                <h2 id="details-heading" className="mb-2 font-semibold">
                  Details
                </h2>
                <MediaDetailsForm
                  action={saveMediaDetails}
                  media={{ id: item.id, alt: item.alt, caption: item.caption ?? '', credit: item.credit ?? '' }}
                />
              </section>
              <form
                action={deleteMediaAction.bind(null, item.id)}
                className="border-t border-zinc-200 pt-4 dark:border-zinc-800"
              >
                {item.usedBy > 0 && (
                  <p className="mb-2 text-sm text-zinc-700 dark:text-zinc-300">
                    Deleting removes it from the {item.usedBy === 1 ? 'article' : 'articles'} that use it.
                  </p>
                )}
                <SubmitButton variant="danger">Delete image</SubmitButton>
              </form>
            </>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Only its uploader or an editor can change this image.
            </p>
          )}
        </aside>
      </div>
    </>
  )
}
