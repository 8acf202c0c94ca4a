'use client'

import { useEffect, useRef, useState } from 'react'
import { Field, FieldErrors, Select, TextArea, TextInput } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { type FormAction, useForm } from '@/components/ui/use-form.client'
import { RichTextEditor } from './rich-text-editor.client'
import { SubmitButton } from './submit-button.client'
import { TagsInput } from './tags-input.client'
import { AuthorPicker } from './author-picker'
import { type FeaturedImageChoice, FeaturedImageFields, type UploadFeaturedImage } from './featured-image-fields.client'
import { type Publication, PublicationStatus } from './publication-status'

export type ArticleFormValues = {
  id?: number
  title: string
  slug: string
  standfirst: string
  body: string
  categoryId: number | null
  /** Sections the article is also listed in besides `categoryId`. */
  secondaryCategoryIds: number[]
  tags: string
  coAuthorIds: number[]
  featuredImageId: number | null
  imageAlt: string
  imageCaption: string
  imageCredit: string
  sourceUrl: string
  sourceName: string
  isBreaking: boolean
  isFeatured: boolean
  seoTitle: string
  seoDescription: string
  /** One key point a line. */
  keyPoints: string
  keyPointsMode: 'auto' | 'edited' | 'off'
  status: string
  scheduleAt: string
  /** The primary author; editors and admins may choose another. */
  authorId: number | null
}

const autosaveEveryMs = 30_000

/** What the form would send, minus the button pressed, to tell whether anything changed. */
function snapshot(form: HTMLFormElement) {
  return JSON.stringify(
    [...new FormData(form)].filter(([k, v]) => typeof v === 'string' && k !== 'intent' && !k.startsWith('$ACTION')),
  )
}

type Options = {
  categories: { id: number; name: string }[]
  media: { id: number; label: string; src: string }[]
  authors: { id: number; name: string; noLogin?: boolean }[]
  tags: string[]
  featuredMedia: FeaturedImageChoice[]
  /** Authors, editors and admins upload images; contributors pick from the library. */
  canUpload?: boolean
  /** Editors and admins choose the byline; everyone else writes under their own name. */
  canChooseAuthor?: boolean
}

export function ArticleForm({
  article,
  options,
  canPublish,
  publication,
  action,
  uploadImage,
}: {
  article: ArticleFormValues
  options: Options
  canPublish: boolean
  publication?: Publication
  action: FormAction
  uploadImage: UploadFeaturedImage
}) {
  const [form, formAction] = useForm(action, { stored: article })
  const published = article.status === 'published' || article.status === 'scheduled'
  // Held here rather than in the inputs: a failed save re-keys the form, and the submitted values it
  // gets back keep one value a field, which would drop all but one of the ticked sections.
  const [primary, setPrimary] = useState(article.categoryId)
  const [secondary, setSecondary] = useState(article.secondaryCategoryIds)

  const formRef = useRef<HTMLFormElement>(null)
  const lastSaved = useRef('')
  const [autosave, setAutosave] = useState<{ at?: string; error?: string }>({})
  const canAutosave = article.id !== undefined && article.status === 'draft'

  // Autosave calls the action directly rather than through useActionState: its result must never
  // re-key the form, or the editor would lose what was typed while the request was on its way.
  useEffect(() => {
    if (!canAutosave || !formRef.current) return
    lastSaved.current = snapshot(formRef.current)
    let busy = false
    const autosave = async () => {
      const form = formRef.current
      if (!form || busy) return
      const current = snapshot(form)
      if (current === lastSaved.current) return
      busy = true
      const data = new FormData(form)
      data.set('intent', 'autosave')
      try {
        const result = await action({}, data)
        if (result.autosavedAt) {
          lastSaved.current = current
          setAutosave({ at: result.autosavedAt })
        } else {
          const firstError = Object.values(result.fieldErrors ?? {}).flat()[0]
          setAutosave({ error: firstError ?? result.message ?? 'The draft could not be autosaved.' })
        }
      } catch {
        setAutosave({ error: 'The draft could not be autosaved. Save it by hand.' })
      } finally {
        busy = false
      }
    }
    const timer = window.setInterval(() => void autosave(), autosaveEveryMs)
    return () => window.clearInterval(timer)
  }, [canAutosave, article.id, action])

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={(e) => {
        lastSaved.current = snapshot(e.currentTarget)
      }}
      key={form.key()}
      className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_320px]"
    >
      <input type="hidden" name="id" value={article.id ?? ''} />
      <div className="space-y-4">
        <FormMessage message={form.state.message} />
        <TextInput form={form} name="title" label="Title" required className="input text-lg" />
        <TextArea form={form} name="standfirst" label="Standfirst" rows={2} />
        <div>
          <span className="block text-sm font-medium">Body</span>
          <RichTextEditor
            name="body"
            id="body"
            label="Body"
            initialHtml={form.value('body')}
            media={options.media}
            describedBy={form.described('body')}
          />
          <FieldErrors id="body" errors={form.error('body')} />
        </div>
        <fieldset className="grid gap-4 rounded border border-zinc-200 p-4 sm:grid-cols-2 dark:border-zinc-800">
          <legend className="px-1 text-sm font-semibold">Featured image</legend>
          <FeaturedImageFields
            media={options.featuredMedia}
            form={form}
            canUpload={options.canUpload ?? false}
            upload={uploadImage}
          />
        </fieldset>
        <fieldset className="space-y-3 rounded border border-zinc-200 p-4 dark:border-zinc-800">
          <legend className="px-1 text-sm font-semibold">Key points</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {(
              [
                ['auto', 'Automatic (recomputed from the body on save)'],
                ['edited', 'As written below (never recomputed)'],
                ['off', 'Off'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="inline-flex items-center gap-2">
                <input
                  type="radio"
                  name="keyPointsMode"
                  value={value}
                  defaultChecked={form.value('keyPointsMode') === value}
                />
                {label}
              </label>
            ))}
          </div>
          <TextArea
            form={form}
            name="keyPoints"
            label="Key points, one a line"
            hint="Edit, reorder or replace the lines: changed points are kept as written. Readers see 3-5 points above the body."
            rows={5}
          />
        </fieldset>
        <fieldset className="grid gap-4 rounded border border-zinc-200 p-4 sm:grid-cols-2 dark:border-zinc-800">
          <legend className="px-1 text-sm font-semibold">Search engines and sharing</legend>
          <TextInput form={form} name="seoTitle" label="SEO title" />
          <TextInput form={form} name="seoDescription" label="SEO description" />
        </fieldset>
      </div>

      <aside className="space-y-4">
        <div className="space-y-2 rounded border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <p className="text-sm">
            Status: <strong>{article.status}</strong>
          </p>
          <PublicationStatus publication={publication} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="intent" value="save" variant="secondary">
              {published ? 'Update' : 'Save draft'}
            </SubmitButton>
            {!published && article.status !== 'pending' && (
              <SubmitButton name="intent" value="submit" variant="secondary">
                Submit for review
              </SubmitButton>
            )}
            {canPublish && article.status !== 'published' && (
              <SubmitButton name="intent" value="publish">
                Publish
              </SubmitButton>
            )}
            {canPublish && published && (
              <SubmitButton name="intent" value="unpublish" variant="danger">
                Unpublish
              </SubmitButton>
            )}
          </div>
          <p aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
            {autosave.error
              ? `Not autosaved: ${autosave.error}`
              : autosave.at
                ? `Draft autosaved at ${new Date(autosave.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}`
                : ''}
          </p>
          {canPublish && (
            <div className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
              <TextInput
                form={form}
                name="scheduleAt"
                label="Publish at (site time)"
                hint="Empty: Publish uses the current time. A past time publishes at once with that date; a future time schedules."
                type="datetime-local"
              />
              <SubmitButton name="intent" value="schedule" variant="secondary" className="mt-2">
                Schedule
              </SubmitButton>
            </div>
          )}
        </div>
        <TextInput form={form} name="slug" label="Slug" hint="Made from the title when left empty." />
        <Select
          form={form}
          name="categoryId"
          label="Category"
          onChange={(e) => setPrimary(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">None</option>
          {options.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
        <fieldset aria-describedby={form.described('secondaryCategoryIds', { hint: true })}>
          <legend className="text-sm font-medium">Also in sections</legend>
          <p id="secondaryCategoryIds-hint" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            The article is listed on these section pages too.
          </p>
          <ul className="mt-2 max-h-48 space-y-1 overflow-y-auto rounded border border-zinc-200 p-2 text-sm dark:border-zinc-800">
            {options.categories.map((c) => (
              <li key={c.id}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="secondaryCategoryIds"
                    value={c.id}
                    checked={c.id !== primary && secondary.includes(c.id)}
                    disabled={c.id === primary}
                    onChange={(e) =>
                      setSecondary((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((id) => id !== c.id)))
                    }
                  />
                  {c.name}
                  {c.id === primary && <span className="text-xs text-zinc-600 dark:text-zinc-400">(primary)</span>}
                </label>
              </li>
            ))}
          </ul>
          <FieldErrors id="secondaryCategoryIds" errors={form.error('secondaryCategoryIds')} />
        </fieldset>
        <Field
          id="tags"
          label="Tags"
          errors={form.error('tags')}
          hint="Separate tags with commas; existing tags are suggested as you type, new ones are created."
        >
          <TagsInput
            id="tags"
            name="tags"
            defaultValue={form.value('tags')}
            existing={options.tags}
            describedBy={form.described('tags', { hint: true })}
          />
        </Field>
        {options.canChooseAuthor && <AuthorPicker form={form} authors={options.authors} />}
        <Select
          form={form}
          name="coAuthorIds"
          label="Co-authors"
          hint="Hold Ctrl or Cmd to choose several."
          multiple
          size={4}
          defaultValue={article.coAuthorIds.map(String)}
        >
          {options.authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <TextInput form={form} name="sourceUrl" label="Source link" type="url" />
        <TextInput form={form} name="sourceName" label="Source name" />
        <div className="space-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="isBreaking" defaultChecked={form.checked('isBreaking')} /> Breaking news
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="isFeatured" defaultChecked={form.checked('isFeatured')} /> Featured on the
            front page
          </label>
        </div>
      </aside>
    </form>
  )
}
