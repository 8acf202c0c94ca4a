import { getShareArticle } from '@/db/queries/articles'
import { getSiteSettings } from '@/db/queries/settings'
import { documentResponse } from '@/lib/http-cache'
import { answeringMediaFailures } from '@/services/media-response'
import { articleShareImage } from '@/services/og-image'

export const dynamic = 'force-dynamic'

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })

/** /og/article/<id>.png: the share image of a published article, redrawn when what it shows changes. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const id = /^([1-9]\d{0,9})\.png$/.exec((await params).file)?.[1]
  if (!id) return notFound()
  const article = await getShareArticle(Number(id))
  if (!article) return notFound()
  const { name } = await getSiteSettings()
  return answeringMediaFailures(() =>
    documentResponse(request, {
      version: JSON.stringify([article.updatedAt.getTime(), article.title, article.section, article.imagePath, name]),
      contentType: 'image/png',
      maxAge: 3600,
      build: async () => ({ body: await articleShareImage(article, name), lastModified: article.updatedAt }),
    }),
  )
}
