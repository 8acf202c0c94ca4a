'use client'

import { useRef, useState } from 'react'
import { FieldErrors, TextInput } from '@/components/ui/field'
import type { FormFields, FormState } from '@/components/ui/use-form.client'

export type FeaturedImageChoice = {
  id: number
  label: string
  thumb: string
  alt: string
  caption: string
  credit: string
}

export type UploadFeaturedImage = (
  state: FormState,
  formData: FormData,
) => Promise<FormState & { uploaded?: FeaturedImageChoice }>

const maxBytes = 15 * 1024 * 1024

/**
 * The featured image of an article: a picker with thumbnails, an upload (button or drop) through
 * the media library's pipeline, and the article's own alt text, caption and credit. Left empty,
 * those come from the image in the media library; typed here, they win for this article only.
 */
export function FeaturedImageFields({
  media,
  form,
  canUpload,
  upload: uploadImage,
}: {
  media: FeaturedImageChoice[]
  form: FormFields
  canUpload: boolean
  upload: UploadFeaturedImage
}) {
  const [choices, setChoices] = useState(media)
  const [selected, setSelected] = useState(form.value('featuredImageId'))
  const [upload, setUpload] = useState<{ busy?: boolean; error?: string }>({})
  const [dragging, setDragging] = useState(false)
  const altRef = useRef<HTMLInputElement>(null)
  const image = choices.find((m) => String(m.id) === selected)

  async function send(file: File | undefined) {
    if (!file) return
    if (!file.type.startsWith('image/'))
      return setUpload({ error: 'Drop an image file: JPEG, PNG, WebP, AVIF or GIF.' })
    if (file.size > maxBytes) return setUpload({ error: 'The file is larger than 15 MB.' })
    setUpload({ busy: true })
    const data = new FormData()
    data.set('file', file)
    data.set('alt', altRef.current?.value ?? '')
    try {
      const result = await uploadImage({}, data)
      if (!result.uploaded) {
        const error = Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.message
        return setUpload({ error: error ?? 'The image could not be uploaded.' })
      }
      const uploaded = result.uploaded
      setChoices((list) => [uploaded, ...list])
      setSelected(String(uploaded.id))
      setUpload({})
    } catch {
      setUpload({ error: 'The image could not be uploaded. Try again, or use the media library.' })
    }
  }

  return (
    <>
      <div className="sm:col-span-2">
        <span id="featuredImageId-label" className="block text-sm font-medium">
          Image
        </span>
        {/* Posted on its own: an image uploaded here stays chosen even when the form comes back with an error. */}
        <input type="hidden" name="featuredImageId" value={selected} />
        <div
          role="radiogroup"
          aria-labelledby="featuredImageId-label"
          className="mt-1 grid max-h-72 grid-cols-3 gap-2 overflow-y-auto rounded border border-zinc-200 p-2 sm:grid-cols-4 dark:border-zinc-700"
        >
          <label className="flex min-h-16 items-center gap-2 rounded border border-zinc-200 p-1 text-sm dark:border-zinc-700">
            <input
              type="radio"
              name="featuredImagePick"
              value=""
              checked={selected === ''}
              onChange={() => setSelected('')}
            />
            None
          </label>
          {choices.map((m) => (
            <label
              key={m.id}
              className="relative min-w-0 rounded border border-zinc-200 p-1 has-checked:border-brand-700 has-checked:ring-2 has-checked:ring-brand-700 dark:border-zinc-700"
            >
              <input
                type="radio"
                name="featuredImagePick"
                value={m.id}
                checked={selected === String(m.id)}
                onChange={() => setSelected(String(m.id))}
                className="absolute top-2 left-2"
              />
              <img src={m.thumb} alt={m.label} loading="lazy" className="aspect-[3/2] w-full rounded object-cover" />
              <span aria-hidden="true" className="mt-1 block truncate text-xs">
                {m.label}
              </span>
            </label>
          ))}
        </div>
        <FieldErrors id="featuredImageId" errors={form.error('featuredImageId')} />
        {canUpload && (
          <div
            data-testid="featured-image-drop"
            onDragOver={(e) => {
              e.preventDefault()
              setDragging(true)
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault()
              setDragging(false)
              void send(e.dataTransfer.files[0])
            }}
            className={`mt-2 rounded border-2 border-dashed p-3 text-sm ${dragging ? 'border-brand-700 bg-zinc-50 dark:bg-zinc-800' : 'border-zinc-300 dark:border-zinc-600'}`}
          >
            <label htmlFor="featuredImageUpload" className="font-medium">
              Upload an image
            </label>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">or drop one here. It joins the media library.</span>
            {/* No name: the file goes to the media library at once, never with the article. */}
            <input
              id="featuredImageUpload"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
              disabled={upload.busy}
              onChange={(e) => {
                void send(e.target.files?.[0])
                e.target.value = ''
              }}
              className="mt-1 block w-full max-w-full text-sm"
            />
            <p aria-live="polite" className="mt-1 text-sm">
              {upload.busy ? 'Uploading…' : ''}
              {upload.error && <span className="text-red-700 dark:text-red-400">{upload.error}</span>}
            </p>
          </div>
        )}
      </div>
      <TextInput form={form} name="imageAlt" label="Alt text" ref={altRef} placeholder={image?.alt} />
      <TextInput
        form={form}
        name="imageCaption"
        label="Caption"
        describedBy="imageCredit-rule"
        placeholder={image?.caption}
      />
      <TextInput
        form={form}
        name="imageCredit"
        label="Photo credit"
        describedBy="imageCredit-rule"
        placeholder={image?.credit}
      />
      <p id="imageCredit-rule" className="text-xs text-zinc-600 sm:col-span-2 dark:text-zinc-400">
        Empty caption or credit: the image&apos;s own from the media library is used (shown in grey). Typed here: used
        for this article only.
      </p>
    </>
  )
}
