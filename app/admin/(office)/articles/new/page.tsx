import type { Metadata } from 'next'
import { ArticleEditor } from '@/components/admin/article-editor'
import { saveArticleAction } from '../actions'
import { uploadFeaturedImageAction } from '../../media/actions'
import { requireStaff } from '@/services/auth'
import { can } from '@/lib/permissions'

export const metadata: Metadata = { title: 'New article' }

export default async function NewArticlePage() {
  const user = await requireStaff('articles.create')
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">New article</h1>
      <ArticleEditor
        action={saveArticleAction}
        uploadImage={uploadFeaturedImageAction}
        canPublish={can(user.role, 'articles.publishOwn')}
        canChooseAuthor={can(user.role, 'articles.editOthers')}
        article={{
          title: '',
          slug: '',
          standfirst: '',
          body: '',
          categoryId: null,
          secondaryCategoryIds: [],
          tags: '',
          coAuthorIds: [],
          featuredImageId: null,
          imageAlt: '',
          imageCaption: '',
          imageCredit: '',
          sourceUrl: '',
          sourceName: '',
          isBreaking: false,
          isFeatured: false,
          seoTitle: '',
          seoDescription: '',
          keyPoints: '',
          keyPointsMode: 'auto',
          status: 'draft',
          scheduleAt: '',
          authorId: user.id,
        }}
      />
    </>
  )
}
