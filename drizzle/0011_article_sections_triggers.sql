-- Secondary sections purge the article and the listings as tags and bylines do (see 0004), whichever
-- process writes them.
CREATE TRIGGER `article_sections_cache_ai` AFTER INSERT ON `article_sections` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || NEW.article_id), ('list');
END;
--> statement-breakpoint
CREATE TRIGGER `article_sections_cache_ad` AFTER DELETE ON `article_sections` BEGIN
  INSERT INTO cache_purges(tag) VALUES ('article:' || OLD.article_id), ('list');
END;
--> statement-breakpoint
-- An article's primary section is never also one of its secondary sections, whoever writes them:
-- the listings count an article once per section on that assumption.
CREATE TRIGGER `article_sections_not_primary_bi` BEFORE INSERT ON `article_sections`
  WHEN NEW.category_id IS (SELECT category_id FROM articles WHERE id = NEW.article_id) BEGIN
  SELECT RAISE(IGNORE);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_primary_section_au` AFTER UPDATE OF category_id ON `articles`
  WHEN NEW.category_id IS NOT NULL BEGIN
  DELETE FROM article_sections WHERE article_id = NEW.id AND category_id = NEW.category_id;
END;
