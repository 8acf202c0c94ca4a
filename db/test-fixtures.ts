// Rows for unit tests: accounts, sections and articles made as the site makes them. Tests only:
// ESLint keeps the site's own code from importing this module.
import { writerConnection } from './client'
import { type ArticleFields, saveArticle } from './mutations/articles'
import { categories, users } from './schema'

/** An article's fields as the editor's form sends them: a plain story in no section, unless `over` says otherwise. */
export function articleFields(over: Partial<ArticleFields> = {}): ArticleFields {
  return {
    title: 'Council approves the plan',
    // Slugs are unique: an article per call unless the test names one.
    slug: `story-${Math.random().toString(36).slice(2, 8)}`,
    standfirst: '',
    body: '<p>The council approved the plan on Monday after a debate that lasted nine hours.</p>',
    categoryId: null,
    tagNames: [],
    featuredImageId: null,
    imageAlt: null,
    imageCaption: null,
    imageCredit: null,
    sourceUrl: null,
    sourceName: null,
    isBreaking: false,
    isFeatured: false,
    seoTitle: null,
    seoDescription: null,
    ...over,
  }
}

// Test rows go in on the writing connection: `db` outside a transaction only reads.
const writer = () => writerConnection()

/** Adds an account; its id. */
export async function addUser(values: typeof users.$inferInsert) {
  const [{ id }] = (await writer().insert(users).values(values).returning({ id: users.id })) as [{ id: number }]
  return id
}

/** Adds a section, its slug made from its name; its id. */
export async function addSection(name: string, parentId: number | null = null) {
  const [{ id }] = (await writer()
    .insert(categories)
    .values({ name, slug: name.toLowerCase().replace(/\W+/g, '-'), parentId })
    .returning({ id: categories.id })) as [{ id: number }]
  return id
}

/** Saves a new article by `actorId`, published at `publishedAt` or a draft when it is null; its id. */
export async function publishArticle(
  actorId: number,
  publishedAt: Date | null,
  over: Partial<ArticleFields> = {},
  now?: Date,
) {
  const transition = publishedAt
    ? { status: 'published' as const, publishedAt }
    : { status: 'draft' as const, publishedAt: null }
  return (await saveArticle({ actorId, now, transition, fields: articleFields(over) })).id
}

/**
 * The first row a query returns, which the test expects to be there (an insert's `returning`, a
 * select of a known row): awaited the same on either engine, and an error instead of undefined.
 */
export async function firstRow<T>(query: PromiseLike<T[]>): Promise<T> {
  const [row] = await query
  if (row === undefined) throw new Error('the query returned no rows')
  return row
}
