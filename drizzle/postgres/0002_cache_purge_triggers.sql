-- Cache purge events, as SQLite's drizzle/0004 and 0011 write them. Tags: 'layout' (everything),
-- 'list' (listings, sidebars, front page), 'recent-comments', 'article:<id>', 'comments:<article id>'.
-- In the database, so writes from any process (importers, scripts, psql) reach the running
-- servers' page caches too. Trigger names, events, UPDATE OF column lists and WHEN conditions are
-- SQLite's; the bodies are trigger functions, shared where SQLite repeats the same body.
CREATE FUNCTION "cache_purge_layout"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cache_purges(tag) VALUES ('layout');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "cache_purge_list"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cache_purges(tag) VALUES ('list');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Rows linking an article to tags, bylines or sections show on the article and on its cards.
CREATE FUNCTION "cache_purge_article_links"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  article integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END;
BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || article), ('list');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "cache_purge_article"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  article integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END;
BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || article);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "cache_purge_comments"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  article integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END;
BEGIN
  INSERT INTO cache_purges(tag) VALUES ('comments:' || article), ('recent-comments');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "articles_cache_au"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || NEW.id);
  -- Only what an article card or a sidebar shows reaches the listings.
  IF (OLD.status = 'published' OR NEW.status = 'published') AND (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.title IS DISTINCT FROM NEW.title
    OR OLD.slug IS DISTINCT FROM NEW.slug OR OLD.standfirst IS DISTINCT FROM NEW.standfirst
    OR OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.author_id IS DISTINCT FROM NEW.author_id
    OR OLD.category_id IS DISTINCT FROM NEW.category_id
    OR OLD.featured_image_id IS DISTINCT FROM NEW.featured_image_id
    OR OLD.image_alt IS DISTINCT FROM NEW.image_alt OR OLD.is_breaking IS DISTINCT FROM NEW.is_breaking
    OR OLD.is_featured IS DISTINCT FROM NEW.is_featured
  ) THEN
    INSERT INTO cache_purges(tag) VALUES ('list');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "articles_cache_ad"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || OLD.id);
  IF OLD.status = 'published' THEN
    INSERT INTO cache_purges(tag) VALUES ('list');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "articles_cache_ai" AFTER INSERT ON "articles" FOR EACH ROW
  WHEN (NEW.status = 'published') EXECUTE FUNCTION cache_purge_list();
--> statement-breakpoint
CREATE TRIGGER "articles_cache_au" AFTER UPDATE OF title, slug, standfirst, body, status, published_at, author_id,
  category_id, featured_image_id, image_alt, image_caption, image_credit, source_url, source_name, is_breaking,
  is_featured, seo_title, seo_description, key_points, key_points_mode, comments_open
  ON "articles" FOR EACH ROW EXECUTE FUNCTION articles_cache_au();
--> statement-breakpoint
CREATE TRIGGER "articles_cache_ad" AFTER DELETE ON "articles" FOR EACH ROW EXECUTE FUNCTION articles_cache_ad();
--> statement-breakpoint
CREATE TRIGGER "article_tags_cache_ai" AFTER INSERT ON "article_tags" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_article_links();
--> statement-breakpoint
CREATE TRIGGER "article_tags_cache_ad" AFTER DELETE ON "article_tags" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_article_links();
--> statement-breakpoint
CREATE TRIGGER "article_authors_cache_ai" AFTER INSERT ON "article_authors" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_article_links();
--> statement-breakpoint
CREATE TRIGGER "article_authors_cache_ad" AFTER DELETE ON "article_authors" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_article_links();
--> statement-breakpoint
CREATE TRIGGER "article_sections_cache_ai" AFTER INSERT ON "article_sections" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_article_links();
--> statement-breakpoint
CREATE TRIGGER "article_sections_cache_ad" AFTER DELETE ON "article_sections" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_article_links();
--> statement-breakpoint
CREATE TRIGGER "corrections_cache_ai" AFTER INSERT ON "corrections" FOR EACH ROW EXECUTE FUNCTION cache_purge_article();
--> statement-breakpoint
CREATE TRIGGER "corrections_cache_ad" AFTER DELETE ON "corrections" FOR EACH ROW EXECUTE FUNCTION cache_purge_article();
--> statement-breakpoint
CREATE TRIGGER "comments_cache_ai" AFTER INSERT ON "comments" FOR EACH ROW
  WHEN (NEW.status = 'approved') EXECUTE FUNCTION cache_purge_comments();
--> statement-breakpoint
CREATE TRIGGER "comments_cache_au" AFTER UPDATE OF status, body, author_name, parent_id ON "comments" FOR EACH ROW
  WHEN (OLD.status = 'approved' OR NEW.status = 'approved') EXECUTE FUNCTION cache_purge_comments();
--> statement-breakpoint
CREATE TRIGGER "comments_cache_ad" AFTER DELETE ON "comments" FOR EACH ROW
  WHEN (OLD.status = 'approved') EXECUTE FUNCTION cache_purge_comments();
--> statement-breakpoint
CREATE TRIGGER "categories_cache_ai" AFTER INSERT ON "categories" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "categories_cache_au" AFTER UPDATE ON "categories" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "categories_cache_ad" AFTER DELETE ON "categories" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "tags_cache_au" AFTER UPDATE ON "tags" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "tags_cache_ad" AFTER DELETE ON "tags" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "pages_cache_ai" AFTER INSERT ON "pages" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "pages_cache_au" AFTER UPDATE ON "pages" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "pages_cache_ad" AFTER DELETE ON "pages" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "settings_cache_ai" AFTER INSERT ON "settings" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "settings_cache_au" AFTER UPDATE ON "settings" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "settings_cache_ad" AFTER DELETE ON "settings" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "media_cache_au" AFTER UPDATE OF alt, caption, credit, variants, path ON "media" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "media_cache_ad" AFTER DELETE ON "media" FOR EACH ROW EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
CREATE TRIGGER "users_cache_au" AFTER UPDATE OF name, slug, bio, job_title, avatar_id, role ON "users" FOR EACH ROW
  EXECUTE FUNCTION cache_purge_layout();
--> statement-breakpoint
-- SQLite servers poll cache_purges; PostgreSQL ones can LISTEN gazette_purges instead and read the
-- new rows when told. Once per statement, with no payload: PostgreSQL folds equal notifications of
-- one transaction into one and sends them at commit, when the rows are visible to the listener.
-- The functions above insert only when there is a tag to write, so a notification means new rows.
CREATE FUNCTION "cache_purges_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gazette_purges', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "cache_purges_notify" AFTER INSERT ON "cache_purges" FOR EACH STATEMENT
  EXECUTE FUNCTION cache_purges_notify();
