import { getArticleFormOptionsAdmin } from '@/db/queries/admin'
import { uploadUrl } from '@/lib/urls'
import { ArticleForm, type ArticleFormValues } from './article-form.client'

/** Server half of the editor: loads the choices, hands plain data to the client form. */
export async function ArticleEditor({ article, canPublish }: { article: ArticleFormValues; canPublish: boolean }) {
  const options = await getArticleFormOptionsAdmin()
  return (
    <ArticleForm
      article={article}
      canPublish={canPublish}
      options={{
        categories: options.categories,
        authors: options.authors,
        media: options.media.map((m) => ({
          id: m.id,
          label: `${m.alt || m.originalName || m.path} (#${m.id})`,
          src: uploadUrl(m.variants.find((v) => v.width >= 800)?.path ?? m.path),
        })),
      }}
    />
  )
}
