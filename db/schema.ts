// The schema of the configured engine, under one set of names: db/sqlite/schema.ts, or
// db/postgres/schema.ts when DATABASE_URL is set. The two define the same tables, columns and keys
// (db/schema-parity.test.ts), so the data layer is typed once, against SQLite's definitions, and
// runs against whichever the process was started with.
import * as postgres from './postgres/schema'
import * as sqlite from './sqlite/schema'
import { env } from '../lib/env'

const chosen = (env.DATABASE_URL ? postgres : sqlite) as unknown as typeof sqlite

export const {
  users,
  media,
  categories,
  tags,
  articles,
  articleAuthors,
  articleTags,
  articleSections,
  corrections,
  comments,
  pages,
  settings,
  readingLists,
  savedArticles,
  redirects,
  revisions,
  auditLog,
  cachePurges,
  usersRelations,
  mediaRelations,
  categoriesRelations,
  tagsRelations,
  articlesRelations,
  articleAuthorsRelations,
  articleTagsRelations,
  articleSectionsRelations,
  correctionsRelations,
  commentsRelations,
  userTokens,
  digestSubscriptions,
  digestSections,
  digestTags,
  digestSends,
  signInFailures,
  rateLimits,
  leases,
  wordpressImports,
  importRuns,
} = chosen

export { articleStatuses, commentStatuses, digestSendStatuses, digestFrequencies, roles } from './sqlite/schema'
export type {
  Role,
  User,
  NewUser,
  Media,
  NewMedia,
  Category,
  Tag,
  Article,
  NewArticle,
  ArticleStatus,
  Comment,
  NewComment,
  CommentStatus,
  Page,
  DigestSubscription,
  DigestSendStatus,
  ImportReport,
} from './sqlite/schema'
