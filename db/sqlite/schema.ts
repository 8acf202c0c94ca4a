import { relations, sql } from 'drizzle-orm'
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import { digestFrequencies } from '../../lib/digest-schedule'
import { type Role, roles } from '../../lib/permissions'

export { digestFrequencies, roles, type Role }

// Every instant is stored as UTC milliseconds; the site timezone only matters when formatting.
const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`)
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`)

export const articleStatuses = ['draft', 'pending', 'scheduled', 'published'] as const
export const commentStatuses = ['pending', 'approved', 'spam', 'trash'] as const

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    // Public author profile at /author/<slug>/; readers have none.
    slug: text('slug'),
    role: text('role', { enum: roles }).notNull().default('reader'),
    // 'profile': a byline for staff who never sign in (a contributor profile): no password, no mailbox.
    status: text('status', { enum: ['active', 'invited', 'deactivated', 'profile'] })
      .notNull()
      .default('active'),
    passwordHash: text('password_hash'),
    bio: text('bio'),
    jobTitle: text('job_title'),
    avatarId: integer('avatar_id').references((): AnySQLiteColumn => media.id, {
      onDelete: 'set null',
    }),
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    // Bumped to sign a user out of every device: sessions carry the version they were issued with.
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), uniqueIndex('users_slug_unique').on(t.slug)],
)

export const media = sqliteTable(
  'media',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Path below the uploads directory of the largest rendition, e.g. 2026/11/harbour-1a2b.webp
    path: text('path').notNull(),
    originalName: text('original_name'),
    mimeType: text('mime_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    // JSON array of { width, height, path } renditions, smallest first.
    variants: text('variants', { mode: 'json' })
      .$type<{ width: number; height: number; path: string }[]>()
      .notNull()
      .default(sql`'[]'`),
    alt: text('alt').notNull().default(''),
    caption: text('caption'),
    credit: text('credit'),
    uploadedBy: integer('uploaded_by').references((): AnySQLiteColumn => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('media_path_unique').on(t.path), index('media_created_idx').on(t.createdAt)],
)

export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    parentId: integer('parent_id').references((): AnySQLiteColumn => categories.id, {
      onDelete: 'set null',
    }),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('categories_slug_unique').on(t.slug),
    index('categories_parent_position_idx').on(t.parentId, t.position),
  ],
)

export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_slug_unique').on(t.slug)],
)

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    standfirst: text('standfirst').notNull().default(''),
    // Sanitized HTML, never raw editor input.
    body: text('body').notNull().default(''),
    // Plain text of the body: feeds search, summaries and meta descriptions.
    bodyText: text('body_text').notNull().default(''),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    // For scheduled articles this is the moment they go live.
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'set null' }),
    featuredImageId: integer('featured_image_id').references(() => media.id, {
      onDelete: 'set null',
    }),
    // Per-article overrides of the media library's alt, caption and credit.
    imageAlt: text('image_alt'),
    imageCaption: text('image_caption'),
    imageCredit: text('image_credit'),
    sourceUrl: text('source_url'),
    sourceName: text('source_name'),
    isBreaking: integer('is_breaking', { mode: 'boolean' }).notNull().default(false),
    isFeatured: integer('is_featured', { mode: 'boolean' }).notNull().default(false),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    // Extractive key points (JSON array of sentences); 'edited' is never recomputed, 'off' hides them.
    keyPoints: text('key_points', { mode: 'json' }).$type<string[]>(),
    keyPointsMode: text('key_points_mode', { enum: ['auto', 'edited', 'off'] })
      .notNull()
      .default('auto'),
    commentsOpen: integer('comments_open', { mode: 'boolean' }).notNull().default(true),
    viewCount: integer('view_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('articles_slug_unique').on(t.slug),
    index('articles_status_published_idx').on(t.status, t.publishedAt),
    index('articles_category_status_published_idx').on(t.categoryId, t.status, t.publishedAt),
    index('articles_author_status_published_idx').on(t.authorId, t.status, t.publishedAt),
    index('articles_breaking_idx').on(t.status, t.isBreaking, t.publishedAt),
    index('articles_featured_idx').on(t.status, t.isFeatured, t.publishedAt),
    index('articles_updated_idx').on(t.updatedAt),
  ],
)

export const articleAuthors = sqliteTable(
  'article_authors',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.userId] }),
    index('article_authors_user_idx').on(t.userId, t.articleId),
  ],
)

export const articleTags = sqliteTable(
  'article_tags',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tagId] }), index('article_tags_tag_idx').on(t.tagId, t.articleId)],
)

// Sections an article is listed in besides its primary one (articles.category_id), which is never
// among them: section pages, feeds and digests include these articles too.
export const articleSections = sqliteTable(
  'article_sections',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.categoryId] }),
    index('article_sections_category_idx').on(t.categoryId, t.articleId),
  ],
)

export const corrections = sqliteTable(
  'corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('corrections_article_idx').on(t.articleId, t.createdAt)],
)

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => comments.id, {
      onDelete: 'cascade',
    }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    authorEmail: text('author_email'),
    // Plain text; links are turned into anchors when rendered.
    body: text('body').notNull(),
    status: text('status', { enum: commentStatuses }).notNull().default('pending'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [
    index('comments_article_status_idx').on(t.articleId, t.status, t.createdAt),
    index('comments_status_created_idx').on(t.status, t.createdAt),
    index('comments_parent_idx').on(t.parentId),
    index('comments_user_idx').on(t.userId),
  ],
)

export const pages = sqliteTable(
  'pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    parentId: integer('parent_id').references((): AnySQLiteColumn => pages.id, {
      onDelete: 'set null',
    }),
    position: integer('position').notNull().default(0),
    // Shown in the header's top links when set.
    inTopNav: integer('in_top_nav', { mode: 'boolean' }).notNull().default(false),
    seoDescription: text('seo_description'),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('pages_slug_unique').on(t.slug), index('pages_nav_idx').on(t.status, t.inTopNav, t.position)],
)

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
})

export const readingLists = sqliteTable(
  'reading_lists',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('reading_lists_user_idx').on(t.userId, t.createdAt)],
)

export const savedArticles = sqliteTable(
  'saved_articles',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => readingLists.id, { onDelete: 'cascade' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.articleId] }),
    index('saved_articles_article_idx').on(t.articleId),
    index('saved_articles_list_saved_idx').on(t.listId, t.savedAt),
  ],
)

export const redirects = sqliteTable(
  'redirects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromPath: text('from_path').notNull(),
    toPath: text('to_path').notNull(),
    statusCode: integer('status_code').notNull().default(301),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('redirects_from_unique').on(t.fromPath)],
)

export const revisions = sqliteTable(
  'revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    standfirst: text('standfirst').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('revisions_article_idx').on(t.articleId, t.createdAt)],
)

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
)

// Written by triggers (drizzle/0004_cache_purge_triggers.sql) whenever content readers see changes,
// whichever process made the change; the server reads new rows and drops the cached pages tagged so.
// With a shared HTTP cache (CACHE_PURGE_URLS), each row is also sent there once, by whichever
// server claims it first: claimed_by/claimed_until hold the claim, or the wait before the next
// attempt; owed_to names the caches a partly failed send still owes (null: all of them).
export const cachePurges = sqliteTable('cache_purges', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tag: text('tag').notNull(),
  createdAt: createdAt(),
  sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
  attempts: integer('attempts').notNull().default(0),
  owedTo: text('owed_to'),
})

export const usersRelations = relations(users, ({ one, many }) => ({
  avatar: one(media, { fields: [users.avatarId], references: [media.id] }),
  articles: many(articles),
}))

export const mediaRelations = relations(media, ({ one }) => ({
  uploader: one(users, { fields: [media.uploadedBy], references: [users.id] }),
}))

export const categoriesRelations = relations(categories, ({ one, many }) => ({
  parent: one(categories, { fields: [categories.parentId], references: [categories.id] }),
  articles: many(articles),
}))

export const tagsRelations = relations(tags, ({ many }) => ({
  articleTags: many(articleTags),
}))

export const articlesRelations = relations(articles, ({ one, many }) => ({
  author: one(users, { fields: [articles.authorId], references: [users.id] }),
  category: one(categories, { fields: [articles.categoryId], references: [categories.id] }),
  featuredImage: one(media, { fields: [articles.featuredImageId], references: [media.id] }),
  articleTags: many(articleTags),
  articleSections: many(articleSections),
  articleAuthors: many(articleAuthors),
  corrections: many(corrections),
  comments: many(comments),
}))

export const articleAuthorsRelations = relations(articleAuthors, ({ one }) => ({
  article: one(articles, { fields: [articleAuthors.articleId], references: [articles.id] }),
  user: one(users, { fields: [articleAuthors.userId], references: [users.id] }),
}))

export const articleTagsRelations = relations(articleTags, ({ one }) => ({
  article: one(articles, { fields: [articleTags.articleId], references: [articles.id] }),
  tag: one(tags, { fields: [articleTags.tagId], references: [tags.id] }),
}))

export const articleSectionsRelations = relations(articleSections, ({ one }) => ({
  article: one(articles, { fields: [articleSections.articleId], references: [articles.id] }),
  category: one(categories, { fields: [articleSections.categoryId], references: [categories.id] }),
}))

export const correctionsRelations = relations(corrections, ({ one }) => ({
  article: one(articles, { fields: [corrections.articleId], references: [articles.id] }),
}))

export const commentsRelations = relations(comments, ({ one }) => ({
  article: one(articles, { fields: [comments.articleId], references: [articles.id] }),
  parent: one(comments, { fields: [comments.parentId], references: [comments.id] }),
}))

export const userTokens = sqliteTable(
  'user_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['invite', 'password-reset', 'email-verify', 'sign-in'] }).notNull(),
    // SHA-256 of the token: a leaked database does not hand out working links.
    tokenHash: text('token_hash').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_tokens_token_hash_unique').on(t.tokenHash), index('user_tokens_user_idx').on(t.userId)],
)

export const digestSendStatuses = ['sending', 'sent', 'failed', 'bounced', 'empty'] as const

// A reader's e-mail digest: what they follow, how often, and at which hour of their own day.
export const digestSubscriptions = sqliteTable(
  'digest_subscriptions',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    frequency: text('frequency', { enum: digestFrequencies }).notNull().default('twice-weekly'),
    hour: integer('hour').notNull().default(7),
    timezone: text('timezone').notNull(),
    // The end of the window the last sent digest covered; the next one starts there.
    coveredUntil: integer('covered_until', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('digest_subscriptions_frequency_idx').on(t.frequency)],
)

export const digestSections = sqliteTable(
  'digest_sections',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => digestSubscriptions.userId, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.categoryId] })],
)

export const digestTags = sqliteTable(
  'digest_tags',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => digestSubscriptions.userId, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tagId] })],
)

// One row per reader and digest date, claimed before the mail goes out: a run that dies mid-way
// finds the row on resume and never sends the same digest twice.
export const digestSends = sqliteTable(
  'digest_sends',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    status: text('status', { enum: digestSendStatuses }).notNull().default('sending'),
    email: text('email').notNull(),
    articleIds: text('article_ids', { mode: 'json' }).$type<number[]>().notNull(),
    windowEnd: integer('window_end', { mode: 'timestamp_ms' }).notNull(),
    messageId: text('message_id'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('digest_sends_user_slot_unique').on(t.userId, t.slot),
    index('digest_sends_created_idx').on(t.createdAt),
    index('digest_sends_status_idx').on(t.status, t.createdAt),
  ],
)

// Failed sign-ins per account ('account:<e-mail>') and per client address ('ip:<address>').
// Kept in the database so a lock outlives a restart; rows are pruned after a quiet day.
export const signInFailures = sqliteTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
})

// Fixed-window counters for sign-up, sign-in, password reset and comment limits; one row per
// (what, who) key, reset when its window has passed. Kept in SQLite so every process shares them.
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull().default(0),
})

// Work that must run once however many servers share the database (scheduled publishing,
// digests, backups, pruning) runs where the lease is held: one row per kind of work, the holder
// renewing it before it expires, anyone taking it over once it has.
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
})

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
export type Media = typeof media.$inferSelect
export type NewMedia = typeof media.$inferInsert
export type Category = typeof categories.$inferSelect
export type Tag = typeof tags.$inferSelect
export type Article = typeof articles.$inferSelect
export type NewArticle = typeof articles.$inferInsert
export type ArticleStatus = (typeof articleStatuses)[number]
export type Comment = typeof comments.$inferSelect
export type NewComment = typeof comments.$inferInsert
export type CommentStatus = (typeof commentStatuses)[number]
export type Page = typeof pages.$inferSelect
export type DigestSubscription = typeof digestSubscriptions.$inferSelect
export type DigestSendStatus = (typeof digestSendStatuses)[number]

// Where each item of a WordPress export landed, keyed on the source site and the WordPress id,
// so importing the same export again updates rows instead of duplicating them.
export const wordpressImports = sqliteTable(
  'wordpress_imports',
  {
    source: text('source').notNull(),
    kind: text('kind', { enum: ['author', 'category', 'tag', 'post', 'page', 'attachment', 'comment'] }).notNull(),
    // The WordPress id; for authors without one, their login; for terms without one, 'slug:<slug>'.
    wpKey: text('wp_key').notNull(),
    targetId: integer('target_id'),
    // Attachments: their original address (kept when the file could not be stored). Categories:
    // the path WordPress served them at, under their parents' slugs.
    url: text('url'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.kind, t.wpKey] }),
    index('wordpress_imports_target_idx').on(t.kind, t.targetId),
  ],
)

export const importRuns = sqliteTable('import_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  source: text('source'),
  status: text('status', { enum: ['running', 'done', 'failed'] })
    .notNull()
    .default('running'),
  // Bytes of the export read so far (both passes count), out of total.
  progress: integer('progress').notNull().default(0),
  total: integer('total').notNull().default(0),
  // JSON report: counts per kind and the list of skipped items with reasons.
  report: text('report', { mode: 'json' }).$type<ImportReport>(),
  startedBy: integer('started_by').references(() => users.id, { onDelete: 'set null' }),
  startedAt: createdAt(),
  finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
})

export type ImportReport = {
  counts: Record<string, { created: number; updated: number }>
  skipped: { item: string; reason: string }[]
  keptMediaUrls: string[]
  error?: string
}
