-- Full-text search. The vector is a stored generated column, so every writer (the app, importers,
-- psql) keeps it current without triggers; title weighs most, then standfirst, then body.
-- Not in db/postgres/schema.ts, as SQLite's articles_fts table is not in db/schema.ts: both
-- schemas stay the same and whole-row selects never carry the vector. drizzle-kit generate diffs
-- the schema against its own snapshots, never against the database, so it leaves this column be.
ALTER TABLE "articles" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', coalesce("title", '')), 'A')
  || setweight(to_tsvector('english', coalesce("standfirst", '')), 'B')
  || setweight(to_tsvector('english', coalesce("body_text", '')), 'C')
) STORED;
--> statement-breakpoint
-- Published articles only, as SQLite's FTS table holds only them (drizzle/0009): a search must
-- filter on status = 'published' for the planner to use this index, and drafts never bloat it.
CREATE INDEX "articles_search_idx" ON "articles" USING gin ("search_vector") WHERE "status" = 'published';
