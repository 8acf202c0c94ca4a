import 'server-only'
import { and, asc, eq } from 'drizzle-orm'
import { cache } from 'react'
import { memoForContent } from './content-version'
import { db } from '../client'
import { pages } from '../schema'

export const getPublishedPage = cache(
  async (slug: string) =>
    (
      await db
        .select({
          id: pages.id,
          slug: pages.slug,
          title: pages.title,
          body: pages.body,
          seoDescription: pages.seoDescription,
          updatedAt: pages.updatedAt,
        })
        .from(pages)
        .where(and(eq(pages.slug, slug), eq(pages.status, 'published')))
        .limit(1)
    )[0],
)

// In every page's header: computed once per content version, like the sections.
export const listNavPages = cache(() =>
  memoForContent('nav-pages', async () =>
    db
      .select({ slug: pages.slug, title: pages.title })
      .from(pages)
      .where(and(eq(pages.status, 'published'), eq(pages.inTopNav, true)))
      .orderBy(asc(pages.position), asc(pages.title)),
  ),
)
