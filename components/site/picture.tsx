import type { ImageRef } from '@/db/queries/articles'
import { uploadUrl } from '@/lib/urls'

// Our own renditions in a srcset rather than next/image: uploads are already resized and
// re-encoded at upload time, so an on-request optimiser would only add CPU on the read path.
export function Picture({
  image,
  sizes,
  priority = false,
  className,
  alt,
}: {
  image: Pick<ImageRef, 'path' | 'width' | 'height' | 'variants'>
  sizes: string
  priority?: boolean
  className?: string
  alt: string
}) {
  const fallback = image.variants.find((v) => v.width >= 800) ?? image.variants.at(-1)
  return (
    <img
      src={uploadUrl(fallback?.path ?? image.path)}
      srcSet={image.variants.map((v) => `${uploadUrl(v.path)} ${v.width}w`).join(', ') || undefined}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={alt}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : undefined}
      decoding="async"
      className={className}
    />
  )
}
