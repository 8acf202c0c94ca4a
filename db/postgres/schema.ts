// PostgreSQL twin of db/sqlite/schema.ts: same exports, tables, columns, indexes and keys, so the data
// layer builds the same queries against either engine (db/schema-parity.test.ts holds them equal).
//
// Type choices:
// - Instants are bigint epoch milliseconds, not timestamptz: raw SQL in the data layer compares
//   and adds milliseconds (`window_start <= now - ms`, placeholders bound as epoch ms), and that
//   SQL must run unchanged on both engines. In JS they are still Dates, as with SQLite.
// - Their default is taken from statement_timestamp(), the closest match to SQLite's
//   unixepoch('subsec'), which is fixed for one statement: now() would date every row of a long
//   transaction to its start, clock_timestamp() would give the rows of one statement different times.
// - Identity columns are BY DEFAULT so a site copy or an import can keep its ids (the sequences are
//   reset after such a copy).
// - Enums stay text with a TypeScript-side value list: adding a value needs no type migration.
// - bigint (read as a JS number) where a value can outgrow 2^31: epoch ms kept as a plain number
//   (rate_limits.window_start), byte counts (media.bytes, import_runs.progress and total) and the
//   ever-growing view counter.
// - Full-text search (articles.search_vector and its index) lives in a hand-written migration and
//   not here, as SQLite's FTS table does: the two schemas stay the same, and whole-row selects
//   never carry the vector.
import { relations, sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { digestFrequencies } from '../../lib/digest-schedule'
import { type Role, roles } from '../../lib/permissions'

export { digestFrequencies, roles, type Role }

// node-postgres hands int8 over as a string (it may not fit a double); epoch ms always do.
const epochMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => 'bigint',
  toDriver: (date) => date.getTime(),
  fromDriver: (value) => new Date(Number(value)),
})

const nowMs = sql`(floor(extract(epoch from statement_timestamp()) * 1000))::bigint`

// Every instant is stored as UTC milliseconds; the site timezone only matters when formatting.
const createdAt = () => epochMs('created_at').notNull().default(nowMs)
const updatedAt = () => epochMs('updated_at').notNull().default(nowMs)

export const articleStatuses = ['draft', 'pending', 'scheduled', 'published'] as const
export const commentStatuses = ['pending', 'approved', 'spam', 'trash'] as const

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    avatarId: integer('avatar_id').references((): AnyPgColumn => media.id, {
      onDelete: 'set null',
    }),
    emailVerifiedAt: epochMs('email_verified_at'),
    // Bumped to sign a user out of every device: sessions carry the version they were issued with.
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), uniqueIndex('users_slug_unique').on(t.slug)],
)

export const media = pgTable(
  'media',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    // Path below the uploads directory of the largest rendition, e.g. 2026/11/harbour-1a2b.webp
    path: text('path').notNull(),
    originalName: text('original_name'),
    mimeType: text('mime_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    // JSON array of { width, height, path } renditions, smallest first.
    variants: jsonb('variants')
      .$type<{ width: number; height: number; path: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    alt: text('alt').notNull().default(''),
    caption: text('caption'),
    credit: text('credit'),
    uploadedBy: integer('uploaded_by').references((): AnyPgColumn => users.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('media_path_unique').on(t.path), index('media_created_idx').on(t.createdAt)],
)

export const categories = pgTable(
  'categories',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    parentId: integer('parent_id').references((): AnyPgColumn => categories.id, {
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

export const tags = pgTable(
  'tags',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_slug_unique').on(t.slug)],
)

export const articles = pgTable(
  'articles',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    standfirst: text('standfirst').notNull().default(''),
    // Sanitized HTML, never raw editor input.
    body: text('body').notNull().default(''),
    // Plain text of the body: feeds search, summaries and meta descriptions.
    bodyText: text('body_text').notNull().default(''),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    // For scheduled articles this is the moment they go live.
    publishedAt: epochMs('published_at'),
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
    isBreaking: boolean('is_breaking').notNull().default(false),
    isFeatured: boolean('is_featured').notNull().default(false),
    seoTitle: text('seo_title'),
    seoDescription: text('seo_description'),
    // Extractive key points (JSON array of sentences); 'edited' is never recomputed, 'off' hides them.
    keyPoints: jsonb('key_points').$type<string[]>(),
    keyPointsMode: text('key_points_mode', { enum: ['auto', 'edited', 'off'] })
      .notNull()
      .default('auto'),
    commentsOpen: boolean('comments_open').notNull().default(true),
    viewCount: bigint('view_count', { mode: 'number' }).notNull().default(0),
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

export const articleAuthors = pgTable(
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

export const articleTags = pgTable(
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
export const articleSections = pgTable(
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

export const corrections = pgTable(
  'corrections',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('corrections_article_idx').on(t.articleId, t.createdAt)],
)

export const comments = pgTable(
  'comments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnyPgColumn => comments.id, {
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

export const pages = pgTable(
  'pages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    parentId: integer('parent_id').references((): AnyPgColumn => pages.id, {
      onDelete: 'set null',
    }),
    position: integer('position').notNull().default(0),
    // Shown in the header's top links when set.
    inTopNav: boolean('in_top_nav').notNull().default(false),
    seoDescription: text('seo_description'),
    publishedAt: epochMs('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('pages_slug_unique').on(t.slug), index('pages_nav_idx').on(t.status, t.inTopNav, t.position)],
)

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
})

export const readingLists = pgTable(
  'reading_lists',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('reading_lists_user_idx').on(t.userId, t.createdAt)],
)

export const savedArticles = pgTable(
  'saved_articles',
  {
    listId: integer('list_id')
      .notNull()
      .references(() => readingLists.id, { onDelete: 'cascade' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    savedAt: epochMs('saved_at').notNull().default(nowMs),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.articleId] }),
    index('saved_articles_article_idx').on(t.articleId),
    index('saved_articles_list_saved_idx').on(t.listId, t.savedAt),
  ],
)

export const redirects = pgTable(
  'redirects',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    fromPath: text('from_path').notNull(),
    toPath: text('to_path').notNull(),
    statusCode: integer('status_code').notNull().default(301),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('redirects_from_unique').on(t.fromPath)],
)

export const revisions = pgTable(
  'revisions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
)

// Written by triggers (drizzle/postgres/0002_cache_purge_triggers.sql) whenever content readers see changes,
// whichever process made the change; the server reads new rows and drops the cached pages tagged so.
// With a shared HTTP cache (CACHE_PURGE_URLS), each row is also sent there once, by whichever
// server claims it first: claimed_by/claimed_until hold the claim, or the wait before the next
// attempt; owed_to names the caches a partly failed send still owes (null: all of them).
export const cachePurges = pgTable('cache_purges', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tag: text('tag').notNull(),
  createdAt: createdAt(),
  sentAt: epochMs('sent_at'),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
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

export const userTokens = pgTable(
  'user_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['invite', 'password-reset', 'email-verify', 'sign-in'] }).notNull(),
    // SHA-256 of the token: a leaked database does not hand out working links.
    tokenHash: text('token_hash').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    usedAt: epochMs('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_tokens_token_hash_unique').on(t.tokenHash), index('user_tokens_user_idx').on(t.userId)],
)

export const digestSendStatuses = ['sending', 'sent', 'failed', 'bounced', 'empty'] as const

// A reader's e-mail digest: what they follow, how often, and at which hour of their own day.
export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    frequency: text('frequency', { enum: digestFrequencies }).notNull().default('twice-weekly'),
    hour: integer('hour').notNull().default(7),
    timezone: text('timezone').notNull(),
    // The end of the window the last sent digest covered; the next one starts there.
    coveredUntil: epochMs('covered_until'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('digest_subscriptions_frequency_idx').on(t.frequency)],
)

export const digestSections = pgTable(
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

export const digestTags = pgTable(
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
export const digestSends = pgTable(
  'digest_sends',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    status: text('status', { enum: digestSendStatuses }).notNull().default('sending'),
    email: text('email').notNull(),
    articleIds: jsonb('article_ids').$type<number[]>().notNull(),
    windowEnd: epochMs('window_end').notNull(),
    messageId: text('message_id'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: epochMs('finished_at'),
  },
  (t) => [
    uniqueIndex('digest_sends_user_slot_unique').on(t.userId, t.slot),
    index('digest_sends_created_idx').on(t.createdAt),
    index('digest_sends_status_idx').on(t.status, t.createdAt),
  ],
)

// Failed sign-ins per account ('account:<e-mail>') and per client address ('ip:<address>').
// Kept in the database so a lock outlives a restart; rows are pruned after a quiet day.
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: epochMs('last_failure_at').notNull(),
  lockedUntil: epochMs('locked_until'),
})

// Fixed-window counters for sign-up, sign-in, password reset and comment limits; one row per
// (what, who) key, reset when its window has passed. Kept in the database so every process shares them.
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: bigint('window_start', { mode: 'number' }).notNull(),
  count: integer('count').notNull().default(0),
})

// Work that must run once however many servers share the database (scheduled publishing,
// digests, backups, pruning) runs where the lease is held: one row per kind of work, the holder
// renewing it before it expires, anyone taking it over once it has.
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: epochMs('expires_at').notNull(),
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
export const wordpressImports = pgTable(
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

export const importRuns = pgTable('import_runs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  fileName: text('file_name').notNull(),
  source: text('source'),
  status: text('status', { enum: ['running', 'done', 'failed'] })
    .notNull()
    .default('running'),
  // Bytes of the export read so far (both passes count), out of total.
  progress: bigint('progress', { mode: 'number' }).notNull().default(0),
  total: bigint('total', { mode: 'number' }).notNull().default(0),
  // JSON report: counts per kind and the list of skipped items with reasons.
  report: jsonb('report').$type<ImportReport>(),
  startedBy: integer('started_by').references(() => users.id, { onDelete: 'set null' }),
  startedAt: createdAt(),
  finishedAt: epochMs('finished_at'),
})

export type ImportReport = {
  counts: Record<string, { created: number; updated: number }>
  skipped: { item: string; reason: string }[]
  keptMediaUrls: string[]
  error?: string
}
