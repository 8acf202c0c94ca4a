import { getArticleFormOptionsAdmin } from '@/db/queries/admin'
import { requireStaff } from '@/services/auth'
import type { FormAction } from '@/components/ui/use-form.client'
import { uploadUrl } from '@/lib/urls'
import { ArticleForm, type ArticleFormValues } from './article-form.client'
import type { UploadFeaturedImage } from './featured-image-fields.client'
import type { Publication } from './publication-status'

/** Server half of the editor: loads the choices, hands plain data to the client form. */
export async function ArticleEditor({
  article,
  canPublish,
  canChooseAuthor,
  publication,
  action,
  uploadImage,
}: {
  article: ArticleFormValues
  canPublish: boolean
  canChooseAuthor: boolean
  publication?: Publication
  action: FormAction
  uploadImage: UploadFeaturedImage
}) {
  const user = await requireStaff()
  const options = await getArticleFormOptionsAdmin(user)
  return (
    <ArticleForm
      article={article}
      canPublish={canPublish}
      publication={publication}
      action={action}
      uploadImage={uploadImage}
      options={{
        categories: options.categories,
        authors: options.authors.map((a) => ({ id: a.id, name: a.name, noLogin: a.status === 'profile' })),
        canChooseAuthor,
        tags: options.tags,
        canUpload: options.canUpload,
        featuredMedia: options.media.map((m) => ({
          id: m.id,
          label: m.alt || m.originalName || m.path,
          thumb: uploadUrl(m.variants[0]?.path ?? m.path),
          alt: m.alt,
          caption: m.caption ?? '',
          credit: m.credit ?? '',
        })),
        media: options.media.map((m) => ({
          id: m.id,
          label: `${m.alt || m.originalName || m.path} (#${m.id})`,
          src: uploadUrl(m.variants.find((v) => v.width >= 800)?.path ?? m.path),
        })),
      }}
    />
  )
}
