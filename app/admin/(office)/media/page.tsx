import type { Metadata } from 'next'
import Link from 'next/link'
import { uploadUrl } from '@/lib/urls'
import { listMediaAdmin } from '@/db/queries/admin-media'
import { MediaUploadForm } from '@/components/admin/media-upload-form.client'
import { Pager } from '@/components/admin/pager'
import { requireStaff } from '@/services/auth'
import { uploadMedia } from './actions'

export const metadata: Metadata = { title: 'Media' }

type Search = Promise<Record<string, string | undefined>>

export default async function MediaAdminPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('media.upload')
  const sp = await searchParams
  const page = /^[1-9]\d{0,5}$/.test(sp.page ?? '') ? Number(sp.page) : 1
  const { rows, total, pageCount } = await listMediaAdmin({ page })
  const href = (p: number) => (p > 1 ? `/admin/media/?page=${p}` : '/admin/media/')
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Media</h1>
      {sp.deleted === '1' && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          Image deleted.
        </p>
      )}
      <section aria-labelledby="upload-heading" className="mb-8">
        <h2 id="upload-heading" className="mb-3 text-lg font-semibold">
          Upload an image
        </h2>
        <MediaUploadForm action={uploadMedia} />
      </section>
      <section aria-labelledby="library-heading">
        <h2 id="library-heading" className="mb-3 text-lg font-semibold">
          Library <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">({total} images)</span>
        </h2>
        {rows.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No images yet.</p>
        ) : (
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6">
            {rows.map((m) => {
              const thumb = m.variants[0] ?? { path: m.path, width: m.width, height: m.height }
              return (
                <li key={m.id}>
                  <Link href={`/admin/media/${m.id}/`} className="group block">
                    <img
                      src={uploadUrl(thumb.path)}
                      width={thumb.width}
                      height={thumb.height}
                      alt={m.alt || m.originalName || `Image ${m.id}`}
                      loading="lazy"
                      className="aspect-[4/3] w-full rounded border border-zinc-200 bg-zinc-100 object-cover dark:border-zinc-800 dark:bg-zinc-900"
                    />
                    <span className="mt-1 block truncate text-xs text-zinc-700 group-hover:underline dark:text-zinc-300">
                      {m.originalName ?? `#${m.id}`}
                    </span>
                  </Link>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {m.width} × {m.height}
                    {m.uploaderName ? ` · ${m.uploaderName}` : ''}
                  </span>
                </li>
              )
            })}
          </ul>
        )}
        <Pager page={page} pageCount={pageCount} href={href} className="mt-6" />
      </section>
    </>
  )
}
