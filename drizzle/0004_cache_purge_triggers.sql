-- Cache purge events. Tags: 'layout' (everything), 'list' (listings, sidebars, front page),
-- 'recent-comments', 'article:<id>', 'comments:<article id>'. Pure SQL, so writes from any
-- process (importers, scripts, the sqlite3 shell) reach the running server's page cache too.
CREATE TRIGGER `articles_cache_ai` AFTER INSERT ON `articles` WHEN NEW.status = 'published' BEGIN
  INSERT INTO cache_purges(tag) VALUES ('list');
END;
--> statement-breakpoint
CREATE TRIGGER `articles_cache_au` AFTER UPDATE OF title, slug, standfirst, body, status, published_at, author_id, category_id, featured_image_id, image_alt, image_caption, image_credit, source_url, source_name, is_breaking, is_featured, seo_title, seo_description, key_points, key_points_mode, comments_open ON `articles` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || NEW.id);
  -- Only what an article card or a sidebar shows reaches the listings.
  INSERT INTO cache_purges(tag) SELECT 'list' WHERE (OLD.status = 'published' OR NEW.status = 'published') AND (
    OLD.status IS NOT NEW.status OR OLD.title IS NOT NEW.title OR OLD.slug IS NOT NEW.slug
    OR OLD.standfirst IS NOT NEW.standfirst OR OLD.published_at IS NOT NEW.published_at
    OR OLD.author_id IS NOT NEW.author_id OR OLD.category_id IS NOT NEW.category_id
    OR OLD.featured_image_id IS NOT NEW.featured_image_id OR OLD.image_alt IS NOT NEW.image_alt
    OR OLD.is_breaking IS NOT NEW.is_breaking OR OLD.is_featured IS NOT NEW.is_featured);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_cache_ad` AFTER DELETE ON `articles` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || OLD.id);
  INSERT INTO cache_purges(tag) SELECT 'list' WHERE OLD.status = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_cache_ai` AFTER INSERT ON `article_tags` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || NEW.article_id), ('list');
END;
--> statement-breakpoint
CREATE TRIGGER `article_tags_cache_ad` AFTER DELETE ON `article_tags` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || OLD.article_id), ('list');
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_cache_ai` AFTER INSERT ON `article_authors` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || NEW.article_id), ('list');
END;
--> statement-breakpoint
CREATE TRIGGER `article_authors_cache_ad` AFTER DELETE ON `article_authors` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || OLD.article_id), ('list');
END;
--> statement-breakpoint
CREATE TRIGGER `corrections_cache_ai` AFTER INSERT ON `corrections` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || NEW.article_id);
END;
--> statement-breakpoint
CREATE TRIGGER `corrections_cache_ad` AFTER DELETE ON `corrections` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || OLD.article_id);
END;
--> statement-breakpoint
CREATE TRIGGER `comments_cache_ai` AFTER INSERT ON `comments` WHEN NEW.status = 'approved' BEGIN
  INSERT INTO cache_purges(tag) VALUES ('comments:' || NEW.article_id), ('recent-comments');
END;
--> statement-breakpoint
CREATE TRIGGER `comments_cache_au` AFTER UPDATE OF status, body, author_name, parent_id ON `comments` WHEN OLD.status = 'approved' OR NEW.status = 'approved' BEGIN
  INSERT INTO cache_purges(tag) VALUES ('comments:' || NEW.article_id), ('recent-comments');
END;
--> statement-breakpoint
CREATE TRIGGER `comments_cache_ad` AFTER DELETE ON `comments` WHEN OLD.status = 'approved' BEGIN
  INSERT INTO cache_purges(tag) VALUES ('comments:' || OLD.article_id), ('recent-comments');
END;
--> statement-breakpoint
CREATE TRIGGER `categories_cache_ai` AFTER INSERT ON `categories` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `categories_cache_au` AFTER UPDATE ON `categories` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `categories_cache_ad` AFTER DELETE ON `categories` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `tags_cache_au` AFTER UPDATE ON `tags` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `tags_cache_ad` AFTER DELETE ON `tags` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `pages_cache_ai` AFTER INSERT ON `pages` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `pages_cache_au` AFTER UPDATE ON `pages` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `pages_cache_ad` AFTER DELETE ON `pages` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `settings_cache_ai` AFTER INSERT ON `settings` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `settings_cache_au` AFTER UPDATE ON `settings` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `settings_cache_ad` AFTER DELETE ON `settings` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `media_cache_au` AFTER UPDATE OF alt, caption, credit, variants, path ON `media` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `media_cache_ad` AFTER DELETE ON `media` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
--> statement-breakpoint
CREATE TRIGGER `users_cache_au` AFTER UPDATE OF name, slug, bio, job_title, avatar_id, role ON `users` BEGIN INSERT INTO cache_purges(tag) VALUES ('layout'); END;
